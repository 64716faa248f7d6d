package io.azolla.e2e;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real orchestrator does with a second result for a task that already has one: the
 * question behind re-sending results whose stream broke (docs/e2e-findings.md). A Java shepherd
 * runs the tasks; a bare stream then sends the repeated results, half-closes and waits for the
 * server to end the stream, which proves they were processed.
 */
@ExtendWith(RealOrchestrator.class)
class RepeatedResultE2eTests {

	static final String GROUP = "repeat-shepherd";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int ATTEMPT_STARTED = 4;

	private static final int ATTEMPT_ENDED = 5;

	private static final int TASK_ENDED = 3;

	private static AzollaCluster cluster;

	private static ConfigurableApplicationContext worker;

	private static ConfigurableApplicationContext submitter;

	@BeforeAll
	static void start() throws Exception {
		if (RealOrchestrator.unavailable(RepeatedResultE2eTests.class, AzollaCluster.skipReason().orElse(null))) {
			return;
		}
		cluster = AzollaCluster.start();
		worker = new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.shepherd-group=" + GROUP,
					"spring.main.banner-mode=off")
			.run();
		submitter = new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.mode=none",
					"azolla.tasks.java_count.shepherd-group=" + GROUP, "azolla.tasks.java_fail.shepherd-group=" + GROUP,
					"azolla.tasks.java_fail_slowly.shepherd-group=" + GROUP,
					"spring.main.banner-mode=off")
			.run();
		// Every repeated error takes one more off the domain's in-flight count, which wraps
		// below zero and stops the domain (the last test shows it). Successes are never taken
		// off, so these leave room for the repeated errors below.
		for (int i = 0; i < 10; i++) {
			client().submitTask("java_count").args(i, 0).submit().await(WAIT);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		E2eClients.closeAll(submitter, worker, cluster);
	}

	@Test
	void aRepeatedSuccessOnlyStoresTheValueAgainWithoutEventsOrAttempts() throws Exception {
		TaskHandle handle = client().submitTask("java_count").args(5, 0).submit();
		assertThat(handle.await(WAIT).valueAs(Long.class)).isEqualTo(5);
		int endedBefore = count(ATTEMPT_ENDED, handle) + count(TASK_ENDED, handle);

		sendProcessed(success(handle.id(), 5));

		assertThat(handle.await(WAIT).valueAs(Long.class)).isEqualTo(5);
		assertThat(count(ATTEMPT_STARTED, handle)).as("attempts").isEqualTo(1);
		assertThat(count(ATTEMPT_ENDED, handle) + count(TASK_ENDED, handle)).as("end events").isEqualTo(endedBefore);
		assertThat(E2eWorkerApplication.Tasks.executions.get(handle.id())).hasValue(1);

		// A different value replaces the stored one: a re-send must repeat the identical result.
		sendProcessed(success(handle.id(), 6));
		assertThat(storedResult(handle).getSuccess().getResult().getIntValue()).isEqualTo(6);
		System.out.println("[e2e] finding: a repeated success is stored again (a different value replaces the first); "
				+ "no event, no attempt");
	}

	@Test
	void aRepeatedFinalErrorKeepsTheResultButWritesTheEndEventsAgain() throws Exception {
		TaskHandle handle = client().submitTask("java_fail").args("Boom").retryPolicy(RetryPolicy.none()).submit();
		assertThat(handle.await(WAIT).failure().orElseThrow().type()).isEqualTo("Boom");
		int attemptEnded = count(ATTEMPT_ENDED, handle);
		int taskEnded = count(TASK_ENDED, handle);

		sendProcessed(error(handle.id(), "Boom"));

		assertThat(handle.await(WAIT).failure().orElseThrow().type()).isEqualTo("Boom");
		assertThat(count(ATTEMPT_STARTED, handle)).as("attempts").isEqualTo(1);
		int attemptEndedAfter = awaitCount(ATTEMPT_ENDED, handle, attemptEnded + 1);
		System.out.printf("[e2e] finding: a repeated final error: attempt-ended events %d -> %d, task-ended %d -> %d, "
				+ "one attempt%n", attemptEnded, attemptEndedAfter, taskEnded, count(TASK_ENDED, handle));
		assertThat(attemptEndedAfter).isEqualTo(attemptEnded + 1);
	}

	@Test
	void aRepeatedErrorWhileTheRetryWaitsIsIgnoredButWhileTheRetryRunsItStartsAnotherAttempt() throws Exception {
		// Waiting for its retry: the status guard keeps the second scheduled retry from running.
		TaskHandle waiting = client().submitTask("java_fail")
			.args("Boom")
			.retryPolicy(RetryPolicy.fixed(Duration.ofSeconds(3)).maxAttempts(2).build())
			.submit();
		while (E2eWorkerApplication.Tasks.executions.get(waiting.id()) == null) {
			Thread.sleep(5);
		}
		sendProcessed(error(waiting.id(), "Boom"));
		assertThat(waiting.await(WAIT).failure().orElseThrow().type()).isEqualTo("Boom");
		int waitingAttempts = count(ATTEMPT_STARTED, waiting);

		// Running its retry: the repeated error is taken for the running attempt's, and the
		// orchestrator starts another attempt while that one still runs.
		TaskHandle running = client().submitTask("java_fail_slowly")
			.args("Boom", 1_500)
			.retryPolicy(RetryPolicy.fixed(Duration.ofMillis(100)).maxAttempts(3).build())
			.submit();
		while (E2eWorkerApplication.Tasks.executions.getOrDefault(running.id(), new AtomicInteger()).get() < 2) {
			Thread.sleep(5);
		}
		sendProcessed(error(running.id(), "Boom"));
		assertThat(running.await(WAIT).failure().orElseThrow().type()).isEqualTo("Boom");
		int runningAttempts = awaitCount(ATTEMPT_STARTED, running, 3);
		int executions = E2eWorkerApplication.Tasks.executions.get(running.id()).get();
		System.out.printf("[e2e] finding: a repeated error while the retry waited: %d attempts (max 2); while the retry "
				+ "ran: %d attempts started, %d executed (max 3)%n", waitingAttempts, runningAttempts, executions);
		assertThat(waitingAttempts).isEqualTo(2);
		assertThat(runningAttempts).as("an attempt started while the previous one still ran").isEqualTo(3);
		assertThat(executions).as("the shepherd ignored the Task of a task id it was still running").isEqualTo(2);
	}

	@Test
	void aRepeatedErrorWhenNothingElseIsInFlightStopsTheDomainFromDispatchingForGood() throws Exception {
		try (AzollaCluster fresh = AzollaCluster.start()) {
			ManagedChannel channel = fresh.channel();
			RawShepherd shepherd = new RawShepherd(channel);
			try (GrpcAzollaClient client = new GrpcAzollaClient(channel, AzollaClientSettings.defaults(),
					TaskDefaults.of(RetryPolicy.none()), JsonMapper.builder().build())) {
				TaskHandle first = client.submitTask("probe").submit();
				io.azolla.proto.common.Task task = shepherd.tasks.poll(30, TimeUnit.SECONDS);
				assertThat(task).as("the first task is dispatched").isNotNull();
				shepherd.send(error(task.getTaskId(), "Boom"));
				assertThat(first.await(WAIT).failure().orElseThrow().type()).isEqualTo("Boom");

				shepherd.send(error(task.getTaskId(), "Boom"));
				Thread.sleep(1_000);
				TaskHandle second = client.submitTask("probe").submit();
				io.azolla.proto.common.Task next = shepherd.tasks.poll(10, TimeUnit.SECONDS);

				System.out.println("[e2e] finding: after one repeated error with nothing else in flight, a new task was "
						+ ((next != null) ? "dispatched" : "not dispatched within 10 s") + " (log: "
						+ fresh.countOrchestratorLogLines("UNDERFLOW") + " in-flight underflow line(s))");
				assertThat(next).as("the in-flight count wrapped below zero: nothing is dispatched any more").isNull();
				assertThat(second.tryResult()).isEmpty();
			}
			finally {
				shepherd.close();
				channel.shutdownNow();
			}
		}
	}

	private static AzollaClient client() {
		return submitter.getBean(AzollaClient.class);
	}

	/** What the orchestrator stores now, read with a fresh WaitForTask (handles keep their result). */
	private static io.azolla.proto.orchestrator.WaitForTaskResponse storedResult(TaskHandle handle) {
		ManagedChannel channel = cluster.channel();
		try {
			return io.azolla.proto.orchestrator.ClientServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.waitForTask(io.azolla.proto.orchestrator.WaitForTaskRequest.newBuilder()
					.setTaskId(handle.id())
					.setDomain(AzollaCluster.DOMAIN)
					.setTimeoutMs(0)
					.build());
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static int count(int eventType, TaskHandle handle) throws Exception {
		return cluster.eventsPerTask(eventType).getOrDefault(handle.id(), 0);
	}

	/** Events are written asynchronously: polls a little for the expected count. */
	private static int awaitCount(int eventType, TaskHandle handle, int expected) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		int seen = count(eventType, handle);
		while (seen < expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
			seen = count(eventType, handle);
		}
		return seen;
	}

	private static io.azolla.proto.common.TaskResult success(String taskId, long value) {
		return io.azolla.proto.common.TaskResult.newBuilder()
			.setTaskId(taskId)
			.setSuccess(SuccessResult.newBuilder().setResult(AnyValue.newBuilder().setIntValue(value)))
			.build();
	}

	private static io.azolla.proto.common.TaskResult error(String taskId, String type) {
		return io.azolla.proto.common.TaskResult.newBuilder()
			.setTaskId(taskId)
			.setError(ErrorResult.newBuilder()
				.setType(type)
				.setMessage("failing as asked")
				.setData("{\"code\":\"E2E\"}")
				.setRetriable(true))
			.build();
	}

	/**
	 * A bare shepherd stream of the test's own: registers with one slot and hands over the Tasks
	 * it receives.
	 */
	private static final class RawShepherd implements AutoCloseable {

		final java.util.concurrent.BlockingQueue<io.azolla.proto.common.Task> tasks = new java.util.concurrent.LinkedBlockingQueue<>();

		private final StreamObserver<ClientMsg> requests;

		RawShepherd(ManagedChannel channel) {
			this.requests = ClusterServiceGrpc.newStub(channel).stream(new StreamObserver<ServerMsg>() {

				@Override
				public void onNext(ServerMsg message) {
					if (message.hasTask()) {
						RawShepherd.this.tasks.add(message.getTask());
					}
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
				}

			});
			send(ClientMsg.newBuilder()
				.setHello(Hello.newBuilder()
					.setShepherdUuid(UUID.randomUUID().toString())
					.setDomain(AzollaCluster.DOMAIN)
					.setShepherdGroup("default")
					.setMaxConcurrency(1))
				.build());
		}

		synchronized void send(io.azolla.proto.common.TaskResult result) {
			send(ClientMsg.newBuilder().setTaskResult(result).build());
		}

		private synchronized void send(ClientMsg message) {
			this.requests.onNext(message);
		}

		@Override
		public synchronized void close() {
			this.requests.onCompleted();
		}

	}

	/**
	 * Sends one result on a stream of its own (registered with no capacity, so nothing is
	 * dispatched to it), half-closes and waits for the server to end the stream: it then has
	 * processed the result.
	 */
	private static void sendProcessed(io.azolla.proto.common.TaskResult result) throws Exception {
		ManagedChannel channel = cluster.channel();
		try {
			CountDownLatch ended = new CountDownLatch(1);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			StreamObserver<ClientMsg> requests = ClusterServiceGrpc.newStub(channel)
				.stream(new StreamObserver<ServerMsg>() {

					@Override
					public void onNext(ServerMsg value) {
					}

					@Override
					public void onError(Throwable error) {
						failure.set(error);
						ended.countDown();
					}

					@Override
					public void onCompleted() {
						ended.countDown();
					}

				});
			requests.onNext(ClientMsg.newBuilder()
				.setHello(Hello.newBuilder()
					.setShepherdUuid(UUID.randomUUID().toString())
					.setDomain(AzollaCluster.DOMAIN)
					.setShepherdGroup("repeat-probe")
					.setMaxConcurrency(0))
				.build());
			requests.onNext(ClientMsg.newBuilder().setTaskResult(result).build());
			requests.onCompleted();
			assertThat(ended.await(30, TimeUnit.SECONDS)).as("the server ended the stream").isTrue();
			assertThat(failure.get()).as("the stream ended with status OK").isNull();
		}
		finally {
			channel.shutdownNow();
		}
	}

}
