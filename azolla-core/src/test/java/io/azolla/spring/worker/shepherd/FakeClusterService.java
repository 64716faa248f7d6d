package io.azolla.spring.worker.shepherd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;

/**
 * An in-process stand-in for the orchestrator's ClusterService: records every message a
 * shepherd sends, in order and with the stream it came on, and lets a test push server
 * messages, end a stream cleanly or fail it. Like the real server it sends response headers as
 * soon as a stream opens; while {@link #rejecting} is set it refuses new streams before that.
 */
class FakeClusterService extends ClusterServiceGrpc.ClusterServiceImplBase {

	final List<Received> received = new CopyOnWriteArrayList<>();

	final List<Stream> streams = new CopyOnWriteArrayList<>();

	volatile boolean rejecting;

	/** Ends every stream cleanly as soon as its Hello arrives, like a link that keeps breaking. */
	volatile boolean endingOnHello;

	/** How long the server takes to end a stream after the shepherd half-closed it. */
	volatile long endDelayMillis;

	/** How many of the next half-closed streams fail instead of ending cleanly. */
	final AtomicInteger failOnHalfClose = new AtomicInteger();

	@Override
	public StreamObserver<ClientMsg> stream(StreamObserver<ServerMsg> responses) {
		Stream stream = new Stream(this.streams.size(), responses);
		this.streams.add(stream);
		return stream;
	}

	/**
	 * Returns the interceptor that sends headers at once, or refuses the stream.
	 * @return the interceptor to install with this service
	 */
	ServerInterceptor eagerHeaders() {
		return new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				if (FakeClusterService.this.rejecting) {
					call.close(io.grpc.Status.UNAVAILABLE.withDescription("rejected by the test"), new Metadata());
					return new ServerCall.Listener<>() {
					};
				}
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

	Stream stream(int index) {
		return this.streams.get(index);
	}

	Stream lastStream() {
		return this.streams.get(this.streams.size() - 1);
	}

	List<ClientMsg> messages(int stream) {
		List<ClientMsg> messages = new ArrayList<>();
		for (Received each : this.received) {
			if (each.stream() == stream) {
				messages.add(each.message());
			}
		}
		return messages;
	}

	List<Received> matching(Predicate<ClientMsg> filter) {
		return this.received.stream().filter((each) -> filter.test(each.message())).toList();
	}

	List<TaskResult> results() {
		return this.received.stream()
			.filter((each) -> each.message().hasTaskResult())
			.map((each) -> each.message().getTaskResult())
			.toList();
	}

	List<TaskResult> resultsFor(String taskId) {
		return results().stream().filter((result) -> result.getTaskId().equals(taskId)).toList();
	}

	List<Status> statuses() {
		return this.received.stream()
			.filter((each) -> each.message().hasStatus())
			.map((each) -> each.message().getStatus())
			.toList();
	}

	int indexOf(Predicate<ClientMsg> filter) {
		for (int i = 0; i < this.received.size(); i++) {
			if (filter.test(this.received.get(i).message())) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A message received, with the index of the stream it came on.
	 */
	record Received(int stream, ClientMsg message) {
	}

	/**
	 * One open stream as the server sees it.
	 */
	final class Stream implements StreamObserver<ClientMsg> {

		final int index;

		private final StreamObserver<ServerMsg> responses;

		volatile boolean halfClosedByClient;

		volatile Throwable failedByClient;

		/** The server ended this stream, cleanly or not. */
		volatile boolean ended;

		Stream(int index, StreamObserver<ServerMsg> responses) {
			this.index = index;
			this.responses = responses;
		}

		synchronized void push(Task task) {
			this.responses.onNext(ServerMsg.newBuilder().setTask(task).build());
		}

		synchronized void push(ServerMsg message) {
			this.responses.onNext(message);
		}

		synchronized void complete() {
			this.ended = true;
			this.responses.onCompleted();
		}

		synchronized void fail() {
			fail(io.grpc.Status.UNAVAILABLE.withDescription("dropped by the test"));
		}

		synchronized void fail(io.grpc.Status status) {
			this.ended = true;
			this.responses.onError(status.asException());
		}

		@Override
		public void onNext(ClientMsg message) {
			FakeClusterService.this.received.add(new Received(this.index, message));
			if (message.hasHello() && FakeClusterService.this.endingOnHello) {
				complete();
			}
		}

		@Override
		public void onError(Throwable error) {
			this.failedByClient = error;
		}

		@Override
		public void onCompleted() {
			this.halfClosedByClient = true;
			// Like the orchestrator, end the stream when the shepherd ends its side.
			Runnable end = () -> {
				try {
					if (FakeClusterService.this.failOnHalfClose.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
						fail();
					}
					else {
						complete();
					}
				}
				catch (IllegalStateException ex) {
					// Already ended by the test.
				}
			};
			long delay = FakeClusterService.this.endDelayMillis;
			if (delay > 0) {
				CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
					.execute(end);
			}
			else {
				end.run();
			}
		}

	}

}
