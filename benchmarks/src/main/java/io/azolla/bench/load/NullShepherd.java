package io.azolla.bench.load;

import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * A bench-only shepherd that runs nothing: it answers every Task it is sent with a success at
 * once, on the thread that read the Task, so the orchestrator's own cost of dispatching a task
 * and taking its result can be measured without any worker in the way.
 * <p>
 * It speaks {@code ClusterService.Stream} with the generated stubs: Hello, one Status with no
 * load (the load never rises, because every Task is answered before the next is read), a Status
 * again every 10 s as a heartbeat, and one TaskResult per Task whose value is the string
 * {@code "ok"}. Stream callbacks run on the Netty event loop ({@code directExecutor}), so a Task
 * is answered without a thread hand-off. It does not reconnect: if the stream ends, the process
 * exits with status 1 so the benchmark driver notices.
 * <p>
 * Never use it outside a benchmark: it reports success for tasks it never ran.
 */
public final class NullShepherd {

	private static final Set<String> OPTIONS = Set.of("endpoint", "group", "domain", "max-concurrency");

	private NullShepherd() {
	}

	/**
	 * Runs the shepherd until the process is stopped or the stream ends.
	 * @param args {@code --endpoint URL --group G [--domain D] [--max-concurrency N]}
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args, OPTIONS);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("null-shepherd: " + ex.getMessage());
			System.err.println(
					"usage: NullShepherd --endpoint http://127.0.0.1:PORT --group G [--domain default] [--max-concurrency 256]");
			System.exit(2);
			return;
		}
		URI endpoint = URI.create(options.text("endpoint", "http://127.0.0.1:52710"));
		String group = options.text("group", "null-shepherd");
		String domain = options.text("domain", LocalCluster.DOMAIN);
		int maxConcurrency = options.integer("max-concurrency", 256, 1);
		ManagedChannel channel = NettyChannelBuilder.forAddress(endpoint.getHost(), endpoint.getPort())
			.usePlaintext()
			.directExecutor()
			.build();
		Answerer answerer = new Answerer(maxConcurrency);
		ClusterServiceGrpc.newStub(channel).stream(answerer);
		answerer.send(ClientMsg.newBuilder()
			.setHello(Hello.newBuilder()
				.setShepherdUuid(UUID.randomUUID().toString())
				.setMaxConcurrency(maxConcurrency)
				.setDomain(domain)
				.setShepherdGroup(group))
			.build());
		answerer.sendStatus();
		ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "null-shepherd-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		heartbeat.scheduleWithFixedDelay(answerer::sendStatus, 10, 10, TimeUnit.SECONDS);
		System.out.println("null-shepherd: registered in domain " + domain + ", group " + group + ", max concurrency "
				+ maxConcurrency + " on " + endpoint);
		answerer.ended.await();
		System.out.println("null-shepherd: the stream ended (" + answerer.error + ") after " + answerer.answered.get()
				+ " tasks answered");
		channel.shutdownNow();
		System.exit(1);
	}

	/**
	 * Answers every Task on the stream with a success.
	 */
	private static final class Answerer implements ClientResponseObserver<ClientMsg, ServerMsg> {

		private static final SuccessResult OK = SuccessResult.newBuilder()
			.setResult(AnyValue.newBuilder().setStringValue("ok"))
			.build();

		private final int maxConcurrency;

		private final CountDownLatch ended = new CountDownLatch(1);

		private final AtomicLong answered = new AtomicLong();

		private volatile ClientCallStreamObserver<ClientMsg> requests;

		private volatile Throwable error;

		Answerer(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<ClientMsg> requestStream) {
			this.requests = requestStream;
		}

		@Override
		public void onNext(ServerMsg message) {
			if (message.hasTask()) {
				Task task = message.getTask();
				send(ClientMsg.newBuilder()
					.setTaskResult(TaskResult.newBuilder().setTaskId(task.getTaskId()).setSuccess(OK))
					.build());
				this.answered.incrementAndGet();
			}
		}

		void sendStatus() {
			send(ClientMsg.newBuilder()
				.setStatus(Status.newBuilder().setCurrentLoad(0).setAvailableCapacity(this.maxConcurrency))
				.build());
		}

		/** Writes are serialised: the heartbeat thread and the event loop both write. */
		synchronized void send(ClientMsg message) {
			this.requests.onNext(message);
		}

		@Override
		public void onError(Throwable failure) {
			this.error = failure;
			this.ended.countDown();
		}

		@Override
		public void onCompleted() {
			this.ended.countDown();
		}

	}

}
