package io.azolla.spring.test;

import java.util.Optional;

import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The shepherd stream of the stand-in (protocol notes §5): Hello first (anything before it is
 * ignored, a result included), then Status, TaskResult and Ack in any order. A uuid that does
 * not parse in Hello, Ack or TaskResult ends the stream with status OK, as the orchestrator
 * does. Ping is not sent: shepherds ignore it.
 */
final class ClusterServiceStandIn extends ClusterServiceGrpc.ClusterServiceImplBase {

	private static final Log logger = LogFactory.getLog(ClusterServiceStandIn.class);

	private final OrchestratorState state;

	ClusterServiceStandIn(OrchestratorState state) {
		this.state = state;
	}

	@Override
	public StreamObserver<ClientMsg> stream(StreamObserver<ServerMsg> responses) {
		return new ShepherdStream(responses);
	}

	/**
	 * Sends the response headers as soon as a stream opens, like the orchestrator: shepherds
	 * wait for them before saying Hello.
	 */
	static ServerInterceptor eagerHeaders() {
		return new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				ServerCall<Q, R> once = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

					private boolean sent;

					@Override
					public synchronized void sendHeaders(Metadata responseHeaders) {
						if (!this.sent) {
							this.sent = true;
							super.sendHeaders(responseHeaders);
						}
					}

				};
				once.sendHeaders(new Metadata());
				return next.startCall(once, headers);
			}

		};
	}

	private final class ShepherdStream implements StreamObserver<ClientMsg> {

		private final StreamObserver<ServerMsg> responses;

		private OrchestratorState.@Nullable ShepherdEntry shepherd;

		private boolean ended;

		ShepherdStream(StreamObserver<ServerMsg> responses) {
			this.responses = new SerializedObserver(responses);
		}

		@Override
		public void onNext(ClientMsg message) {
			if (this.ended) {
				return;
			}
			switch (message.getKindCase()) {
				case HELLO -> hello(message.getHello());
				case STATUS -> {
					if (this.shepherd != null) {
						ClusterServiceStandIn.this.state.status(this.shepherd, message.getStatus().getCurrentLoad());
					}
				}
				case ACK -> {
					if (this.shepherd != null && TaskIds.parse(message.getAck().getTaskId()).isEmpty()) {
						endFatally("an Ack whose task id is not a uuid");
					}
				}
				case TASK_RESULT -> {
					if (this.shepherd == null) {
						// Before Hello the orchestrator ignores it: the result is lost.
						logger.debug("Ignoring a TaskResult sent before Hello");
						return;
					}
					Optional<String> id = TaskIds.parse(message.getTaskResult().getTaskId());
					if (id.isEmpty()) {
						endFatally("a TaskResult whose task id is not a uuid");
						return;
					}
					ClusterServiceStandIn.this.state.result(message.getTaskResult(), id.get());
				}
				case KIND_NOT_SET -> {
				}
			}
		}

		private void hello(Hello hello) {
			Optional<String> uuid = TaskIds.parse(hello.getShepherdUuid());
			if (uuid.isEmpty()) {
				endFatally("a Hello whose shepherd uuid is not a uuid");
				return;
			}
			this.shepherd = ClusterServiceStandIn.this.state.register(uuid.get(), hello.getDomain(),
					hello.getShepherdGroup(), hello.getMaxConcurrency(), this.responses);
		}

		private void endFatally(String reason) {
			logger.warn("Ending a shepherd stream after " + reason);
			ended();
			try {
				this.responses.onCompleted();
			}
			catch (RuntimeException ex) {
				// Already closed.
			}
		}

		private void ended() {
			this.ended = true;
			ClusterServiceStandIn.this.state.streamEnded(this.shepherd, this.responses);
		}

		@Override
		public void onError(Throwable error) {
			ended();
		}

		@Override
		public void onCompleted() {
			ended();
			try {
				this.responses.onCompleted();
			}
			catch (RuntimeException ex) {
				// Already closed.
			}
		}

	}

	/**
	 * Makes the response side safe to use from several threads: dispatch, the test's controls
	 * and the stream's own handling all write to it.
	 */
	private static final class SerializedObserver implements StreamObserver<ServerMsg> {

		private final StreamObserver<ServerMsg> delegate;

		private boolean closed;

		SerializedObserver(StreamObserver<ServerMsg> delegate) {
			this.delegate = delegate;
		}

		@Override
		public synchronized void onNext(ServerMsg value) {
			if (this.closed) {
				throw new IllegalStateException("stream closed");
			}
			this.delegate.onNext(value);
		}

		@Override
		public synchronized void onError(Throwable error) {
			if (!this.closed) {
				this.closed = true;
				this.delegate.onError(error);
			}
		}

		@Override
		public synchronized void onCompleted() {
			if (!this.closed) {
				this.closed = true;
				this.delegate.onCompleted();
			}
		}

	}

}
