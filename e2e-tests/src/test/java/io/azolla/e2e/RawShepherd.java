package io.azolla.e2e;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shepherd driven message by message by a test: it opens {@code ClusterService.Stream},
 * collects the Tasks it is sent and writes exactly what the test tells it to, so a case can
 * observe the orchestrator's side of the stream precisely.
 */
final class RawShepherd implements AutoCloseable {

	final String uuid;

	private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();

	private final CompletableFuture<io.grpc.Status> closed = new CompletableFuture<>();

	private final StreamObserver<ClientMsg> requests;

	private RawShepherd(Channel channel, String uuid) {
		this.uuid = uuid;
		this.requests = ClusterServiceGrpc.newStub(channel).stream(new StreamObserver<>() {

			@Override
			public void onNext(ServerMsg message) {
				if (message.hasTask()) {
					RawShepherd.this.tasks.add(message.getTask());
				}
			}

			@Override
			public void onError(Throwable error) {
				RawShepherd.this.closed.complete(io.grpc.Status.fromThrowable(error));
			}

			@Override
			public void onCompleted() {
				RawShepherd.this.closed.complete(io.grpc.Status.OK);
			}

		});
	}

	/**
	 * Opens a stream without saying anything yet.
	 */
	static RawShepherd open(Channel channel) {
		return new RawShepherd(channel, UUID.randomUUID().toString());
	}

	/**
	 * Opens a stream and registers with a fresh uuid in the given group of the e2e domain.
	 */
	static RawShepherd connect(Channel channel, String group, int maxConcurrency) {
		return connect(channel, UUID.randomUUID().toString(), group, maxConcurrency);
	}

	/**
	 * Opens a stream and registers with the given uuid.
	 */
	static RawShepherd connect(Channel channel, String uuid, String group, int maxConcurrency) {
		RawShepherd shepherd = new RawShepherd(channel, uuid);
		shepherd.hello(group, maxConcurrency);
		return shepherd;
	}

	void hello(String group, int maxConcurrency) {
		send(ClientMsg.newBuilder()
			.setHello(Hello.newBuilder()
				.setShepherdUuid(this.uuid)
				.setDomain(AzollaCluster.DOMAIN)
				.setShepherdGroup(group)
				.setMaxConcurrency(maxConcurrency))
			.build());
		send(ClientMsg.newBuilder()
			.setStatus(Status.newBuilder().setCurrentLoad(0).setAvailableCapacity(maxConcurrency))
			.build());
	}

	synchronized void send(ClientMsg message) {
		this.requests.onNext(message);
	}

	Task nextTask(Duration timeout) throws InterruptedException {
		Task task = this.tasks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(task).as("a Task for shepherd %s within %s", this.uuid, timeout).isNotNull();
		return task;
	}

	void expectNoTask(Duration during) throws InterruptedException {
		Task task = this.tasks.poll(during.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(task).as("a Task for shepherd %s", this.uuid).isNull();
	}

	void succeed(String taskId, AnyValue value) {
		send(result(TaskResult.newBuilder().setTaskId(taskId).setSuccess(SuccessResult.newBuilder().setResult(value))));
	}

	void fail(String taskId, ErrorResult error) {
		send(result(TaskResult.newBuilder().setTaskId(taskId).setError(error)));
	}

	static ClientMsg result(TaskResult.Builder result) {
		return ClientMsg.newBuilder().setTaskResult(result).build();
	}

	static ErrorResult error(String type) {
		return ErrorResult.newBuilder().setType(type).setMessage(type + " happened").setData("{}").build();
	}

	io.grpc.Status awaitClosed(Duration timeout) throws Exception {
		return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Half-closes the stream, as a shepherd that stops cleanly.
	 */
	@Override
	public void close() {
		try {
			synchronized (this) {
				this.requests.onCompleted();
			}
		}
		catch (RuntimeException ex) {
			// The stream is already gone.
		}
	}

}
