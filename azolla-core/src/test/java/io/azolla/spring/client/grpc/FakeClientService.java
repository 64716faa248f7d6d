package io.azolla.spring.client.grpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.CreateTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskStatus;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * An in-process stand-in for the orchestrator's ClientService that records every request and
 * answers from a script.
 */
class FakeClientService extends ClientServiceGrpc.ClientServiceImplBase {

	static final String TASK_ID = "0b7c6c0e-8d0e-4c43-9a52-7f6f4d0d2b11";

	final List<CreateTaskRequest> creates = new CopyOnWriteArrayList<>();

	final List<WaitForTaskRequest> waits = new CopyOnWriteArrayList<>();

	final List<Long> waitDeadlinesMillis = new CopyOnWriteArrayList<>();

	final CountDownLatch waitCancelled = new CountDownLatch(1);

	final CountDownLatch waitArrived = new CountDownLatch(1);

	final CountDownLatch longPollArrived = new CountDownLatch(1);

	private final Deque<Function<WaitForTaskRequest, WaitForTaskResponse>> waitScript = new ArrayDeque<>();

	volatile Status createFailure;

	volatile boolean holdWaits;

	/** Long polls ({@code timeout_ms > 0}) get no answer, as when the server's 200 ms tick has not come. */
	volatile boolean holdLongPolls;

	private final Deque<Status> waitFailures = new ArrayDeque<>();

	@Override
	public void createTask(CreateTaskRequest request, StreamObserver<CreateTaskResponse> observer) {
		this.creates.add(request);
		if (this.createFailure != null) {
			observer.onError(this.createFailure.asRuntimeException());
			return;
		}
		observer.onNext(CreateTaskResponse.newBuilder().setTaskId(TASK_ID).build());
		observer.onCompleted();
	}

	@Override
	public void waitForTask(WaitForTaskRequest request, StreamObserver<WaitForTaskResponse> observer) {
		this.waits.add(request);
		this.waitArrived.countDown();
		if (request.getTimeoutMs() > 0) {
			this.longPollArrived.countDown();
		}
		Deadline deadline = Context.current().getDeadline();
		this.waitDeadlinesMillis.add((deadline != null) ? deadline.timeRemaining(TimeUnit.MILLISECONDS) : -1L);
		Status failure;
		synchronized (this.waitFailures) {
			failure = this.waitFailures.poll();
		}
		if (failure != null) {
			observer.onError(failure.asRuntimeException());
			return;
		}
		if (this.holdWaits || (this.holdLongPolls && request.getTimeoutMs() > 0)) {
			((ServerCallStreamObserver<WaitForTaskResponse>) observer).setOnCancelHandler(this.waitCancelled::countDown);
			return;
		}
		Function<WaitForTaskRequest, WaitForTaskResponse> step;
		synchronized (this.waitScript) {
			step = (this.waitScript.size() > 1) ? this.waitScript.poll() : this.waitScript.peek();
		}
		WaitForTaskResponse response = (step != null) ? step.apply(request) : status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);
		observer.onNext(response);
		observer.onCompleted();
	}

	/**
	 * Makes the next waits fail with these statuses, one each, before the script answers again.
	 */
	void failWaits(Status... failures) {
		synchronized (this.waitFailures) {
			this.waitFailures.addAll(List.of(failures));
		}
	}

	/**
	 * Returns the waits sent so far that were probes ({@code timeout_ms = 0}).
	 */
	long probes() {
		return this.waits.stream().filter((wait) -> wait.getTimeoutMs() == 0).count();
	}

	/**
	 * Queues answers for the next waits; the last one repeats.
	 */
	@SafeVarargs
	final void answerWaits(Function<WaitForTaskRequest, WaitForTaskResponse>... steps) {
		synchronized (this.waitScript) {
			this.waitScript.clear();
			this.waitScript.addAll(List.of(steps));
		}
	}

	void answerWaits(WaitForTaskResponse... responses) {
		synchronized (this.waitScript) {
			this.waitScript.clear();
			for (WaitForTaskResponse response : responses) {
				this.waitScript.add((request) -> response);
			}
		}
	}

	static WaitForTaskResponse status(WaitForTaskStatus status) {
		return WaitForTaskResponse.newBuilder().setStatusCode(status).build();
	}

}
