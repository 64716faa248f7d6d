package io.azolla.spring.test;

import java.util.Optional;
import java.util.UUID;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateFlowRequest;
import io.azolla.proto.orchestrator.CreateFlowResponse;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.CreateTaskResponse;
import io.azolla.proto.orchestrator.PublishFlowEventRequest;
import io.azolla.proto.orchestrator.PublishFlowEventResponse;
import io.azolla.proto.orchestrator.PublishTaskEventRequest;
import io.azolla.proto.orchestrator.PublishTaskEventResponse;
import io.azolla.proto.orchestrator.WaitForFlowRequest;
import io.azolla.proto.orchestrator.WaitForFlowResponse;
import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import tools.jackson.databind.JsonNode;

/**
 * The public API of the stand-in: task creation with the orchestrator's checks in its order
 * (protocol notes §2.1), waits with both of its modes (§2.2), and the four flow and event
 * calls, which the orchestrator answers without doing anything (§2.3).
 */
final class ClientServiceStandIn extends ClientServiceGrpc.ClientServiceImplBase {

	private final OrchestratorState state;

	ClientServiceStandIn(OrchestratorState state) {
		this.state = state;
	}

	@Override
	public void createTask(CreateTaskRequest request, StreamObserver<CreateTaskResponse> responses) {
		OrchestratorRetryRules rules;
		try {
			rules = OrchestratorRetryRules.fromRequest(request.hasRetryPolicy() ? request.getRetryPolicy() : null);
		}
		catch (IllegalArgumentException ex) {
			responses.onError(invalid("Invalid retry policy: " + ex.getMessage()));
			return;
		}
		JsonNode kwargs;
		try {
			kwargs = OrchestratorValues.parseStrict(request.getKwargs());
		}
		catch (IllegalArgumentException ex) {
			responses.onError(invalid("Invalid kwargs JSON: " + ex.getMessage()));
			return;
		}
		if (request.hasFlowInstanceId() && TaskIds.parse(request.getFlowInstanceId()).isEmpty()) {
			responses.onError(invalid("Invalid flow_instance_id UUID: " + TaskIds.describeInvalid(request.getFlowInstanceId())));
			return;
		}
		String id = this.state.create(UUID.randomUUID().toString(), request.getDomain(), request.getName(),
				request.getArgs(), OrchestratorValues.compact(kwargs),
				request.hasRetryPolicy() ? request.getRetryPolicy() : null, rules,
				request.hasShepherdGroup() ? request.getShepherdGroup() : null);
		responses.onNext(CreateTaskResponse.newBuilder().setTaskId(id).build());
		responses.onCompleted();
	}

	@Override
	public void waitForTask(WaitForTaskRequest request, StreamObserver<WaitForTaskResponse> responses) {
		Optional<String> id = TaskIds.parse(request.getTaskId());
		if (id.isEmpty()) {
			responses.onError(invalid("Invalid task_id UUID: " + TaskIds.describeInvalid(request.getTaskId())));
			return;
		}
		OrchestratorState.PendingWait.Responder responder = new OnceResponder(responses);
		if (responses instanceof ServerCallStreamObserver<WaitForTaskResponse> call) {
			call.setOnCancelHandler(() -> this.state.cancelWait(responder));
		}
		this.state.waitFor(id.get(), request.getDomain(), request.hasTimeoutMs() ? request.getTimeoutMs() : null,
				responder);
	}

	@Override
	public void createFlow(CreateFlowRequest request, StreamObserver<CreateFlowResponse> responses) {
		responses.onNext(CreateFlowResponse.newBuilder().setFlowId(UUID.randomUUID().toString()).build());
		responses.onCompleted();
	}

	@Override
	public void waitForFlow(WaitForFlowRequest request, StreamObserver<WaitForFlowResponse> responses) {
		responses.onNext(WaitForFlowResponse.newBuilder().setStatus("COMPLETED").build());
		responses.onCompleted();
	}

	@Override
	public void publishTaskEvent(PublishTaskEventRequest request, StreamObserver<PublishTaskEventResponse> responses) {
		responses.onNext(PublishTaskEventResponse.newBuilder().setSuccess(true).build());
		responses.onCompleted();
	}

	@Override
	public void publishFlowEvent(PublishFlowEventRequest request, StreamObserver<PublishFlowEventResponse> responses) {
		responses.onNext(PublishFlowEventResponse.newBuilder().setSuccess(true).build());
		responses.onCompleted();
	}

	private static RuntimeException invalid(String message) {
		return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
	}

	/**
	 * Answers a wait once; a call the client has cancelled meanwhile is left alone.
	 */
	private static final class OnceResponder implements OrchestratorState.PendingWait.Responder {

		private final StreamObserver<WaitForTaskResponse> responses;

		private boolean answered;

		OnceResponder(StreamObserver<WaitForTaskResponse> responses) {
			this.responses = responses;
		}

		@Override
		public synchronized void answer(WaitForTaskResponse response) {
			if (this.answered) {
				return;
			}
			this.answered = true;
			try {
				this.responses.onNext(response);
				this.responses.onCompleted();
			}
			catch (RuntimeException ex) {
				// Cancelled by the client or the server is stopping: nobody is listening.
			}
		}

	}

}
