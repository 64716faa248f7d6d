package io.azolla.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring application as an in-process shepherd of the real orchestrator, fed by the Java
 * client: every task shape, timeouts, volume beyond the orchestrator's default in-flight
 * limit, and restarts of the orchestrator and of the worker in the middle of a run.
 */
@ExtendWith(RealOrchestrator.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaShepherdE2eTests {

	static final String GROUP = "java-shepherd";

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static AzollaCluster cluster;

	private static ConfigurableApplicationContext worker;

	private static ConfigurableApplicationContext submitter;

	@BeforeAll
	static void start() throws Exception {
		if (RealOrchestrator.unavailable(JavaShepherdE2eTests.class, AzollaCluster.skipReason().orElse(null))) {
			return;
		}
		cluster = AzollaCluster.start();
		worker = startWorker();
		submitter = new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.mode=none",
					"azolla.tasks.java_count.shepherd-group=" + GROUP, "azolla.tasks.java_echo.shepherd-group=" + GROUP,
					"azolla.tasks.java_fail.shepherd-group=" + GROUP, "azolla.tasks.java_slow.shepherd-group=" + GROUP,
					"azolla.tasks.java_greet.shepherd-group=" + GROUP, "azolla.tasks.unknown_here.shepherd-group=" + GROUP,
					"azolla.retry.backoff.strategy=fixed", "azolla.retry.backoff.delay=50ms",
					"azolla.client.wait-timeout=2m", "spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stop() throws Exception {
		E2eClients.closeAll(submitter, worker, cluster);
	}

	@BeforeEach
	void resetCounters() {
		E2eWorkerApplication.Tasks.executions.clear();
	}

	static ConfigurableApplicationContext startWorker() {
		return new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.shepherd-group=" + GROUP,
					"azolla.worker.max-concurrency=32", "azolla.worker.status-interval=1s",
					"azolla.worker.reconnect.initial=200ms", "azolla.worker.reconnect.max=2s",
					"azolla.worker.shutdown-timeout=20s", "spring.main.banner-mode=off")
			.run();
	}

	private static AzollaClient client() {
		return submitter.getBean(AzollaClient.class);
	}

	@Test
	@Order(1)
	void everyTaskShapeComesBackThroughTheJavaShepherd() {
		assertThat(client().submitTask("java_echo").args("hi").submit().await(WAIT).valueAs(String.class)).isEqualTo("hi");
		TaskResult greeting = client().submitTask("java_greet").argsJson("[{\"name\":\"Ada\",\"age\":36}]").submit().await(WAIT);
		assertThat(greeting.value().toString()).isEqualTo("{\"age\":36,\"greeting\":\"Hello Ada\"}");
		TaskResult failure = client().submitTask("java_fail")
			.args("BusinessRuleBroken")
			.retryPolicy(RetryPolicy.fixed(Duration.ofMillis(50)).maxAttempts(3).build())
			.submit()
			.await(WAIT);
		assertThat(failure.failure().orElseThrow().type()).isEqualTo("BusinessRuleBroken");
		assertThat(failure.failure().orElseThrow().code()).contains("E2E");
	}

	@Test
	@Order(2)
	void slowTaskIsAnsweredWithTimeoutError() {
		TaskResult result = client().submitTask("java_slow").retryPolicy(RetryPolicy.none()).submit().await(WAIT);

		assertThat(result.failure().orElseThrow().type()).isEqualTo("TaskTimeoutError");
	}

	@Test
	@Order(3)
	void unknownTaskIsAnsweredWithTaskNotFoundAndNotRetried() {
		TaskResult result = client().submitTask("unknown_here").submit().await(WAIT);

		assertThat(result.failure().orElseThrow().type()).isEqualTo("TaskNotFound");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("retryCases")
	@Order(3)
	void theOrchestratorRetriesByTypeWithEachWaitStrategy(String description, RetryPolicy policy, String errorType,
			int expectedAttempts) {
		TaskResult result = client().submitTask("java_fail").args(errorType).retryPolicy(policy).submit().await(WAIT);

		assertThat(result.failure().orElseThrow().type()).isEqualTo(errorType);
		assertThat(E2eWorkerApplication.Tasks.executions.get(result.taskId())).as("attempts").hasValue(expectedAttempts);
	}

	static Stream<Arguments> retryCases() {
		Duration tiny = Duration.ofMillis(20);
		return Stream.of(
				Arguments.of("fixed wait, any type", RetryPolicy.fixed(tiny).maxAttempts(3).build(), "Boom", 3),
				Arguments.of("exponential wait", RetryPolicy.exponential().initialDelay(tiny).multiplier(2)
					.maxDelay(Duration.ofMillis(100)).maxAttempts(4).build(), "Boom", 4),
				Arguments.of("exponential wait with jitter", RetryPolicy.exponentialJitter().initialDelay(tiny)
					.maxAttempts(3).build(), "Boom", 3),
				Arguments.of("type not in the include list", RetryPolicy.fixed(tiny).maxAttempts(5)
					.includeErrors("OnlyThis").excludeErrors().build(), "Other", 1),
				Arguments.of("excluded type wins over the wildcard", RetryPolicy.fixed(tiny).maxAttempts(5)
					.excludeErrors("Boom").build(), "Boom", 1),
				Arguments.of("default policy: validation errors are not retried", RetryPolicy.defaults(),
					"TaskValidationError", 1),
				Arguments.of("empty include list retries nothing", RetryPolicy.fixed(tiny).maxAttempts(5)
					.includeErrors(List.of()).build(), "Boom", 1));
	}

	@Test
	@Order(4)
	void manyTasksAreEachExecutedOnceWithNoLostResult() throws Exception {
		int count = AzollaCluster.soakOr(10_000, 100_000);
		long started = System.nanoTime();
		List<TaskHandle> handles = submitConcurrently(count, 0);
		List<TaskResult> results = awaitAll(handles);
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("[e2e] %d tasks through the Java shepherd in %.1f s (%.0f tasks/s end to end)%n", count,
				seconds, count / seconds);

		assertThat(results).hasSize(count).allSatisfy((result) -> assertThat(result.isSuccess()).isTrue());
		assertThat(results.stream().mapToLong((result) -> result.valueAs(Long.class)).sum())
			.isEqualTo((long) count * (count - 1) / 2);
		assertThat(E2eWorkerApplication.Tasks.executions).hasSize(count)
			.allSatisfy((id, runs) -> assertThat(runs.get()).as("executions of %s", id).isEqualTo(1));
	}

	@Test
	@Order(5)
	void anIdleOrchestratorStopsByItselfBecauseTheShepherdLetsGoOfItsStream() throws Exception {
		WorkerStats stats = worker.getBean(ShepherdWorker.class).stats();

		boolean exitedByItself = cluster.stopOrchestratorGracefully(Duration.ofSeconds(8));
		cluster.startOrchestrator();

		assertThat(exitedByItself).as("the shepherd lets go of its stream when the orchestrator goes away, "
				+ "so the orchestrator's graceful shutdown can finish").isTrue();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (stats.connection().state() != WorkerStats.ConnectionState.REGISTERED && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(stats.connection().state()).isEqualTo(WorkerStats.ConnectionState.REGISTERED);
	}

	@Test
	@Order(6)
	void workerReconnectsOnItsOwnAfterTheOrchestratorRestartsMidRun() throws Exception {
		WorkerStats stats = worker.getBean(ShepherdWorker.class).stats();
		long reconnectsBefore = stats.connection().reconnects();
		int count = 400;
		List<TaskHandle> before = submitConcurrently(count, 40);
		while (E2eWorkerApplication.Tasks.executions.size() < count / 4) {
			Thread.sleep(20);
		}

		cluster.restartOrchestrator();

		// The orchestrator keeps tasks and results in memory only: after the restart every task
		// created before it is unknown, finished or not. None may hang or run twice.
		int forgotten = 0;
		for (TaskHandle handle : before) {
			try {
				handle.await(Duration.ofSeconds(10));
			}
			catch (TaskNotFoundException ex) {
				forgotten++;
			}
		}
		System.out.printf("[e2e] orchestrator restarted with %d of %d tasks executed; all %d forgotten by it%n",
				E2eWorkerApplication.Tasks.executions.size(), count, forgotten);
		assertThat(forgotten).isEqualTo(count);
		assertThat(E2eWorkerApplication.Tasks.executions.values()).allSatisfy((runs) -> assertThat(runs.get()).isEqualTo(1));
		List<TaskResult> after = awaitAll(submitConcurrently(2_000, 0));
		assertThat(after).hasSize(2_000).allSatisfy((result) -> assertThat(result.isSuccess()).isTrue());
		assertThat(stats.connection().reconnects()).isGreaterThan(reconnectsBefore);
		assertThat(stats.connection().state()).isEqualTo(WorkerStats.ConnectionState.REGISTERED);
	}

	@Test
	@Order(7)
	void workerRestartedMidRunDrainsItsTasksAndTheNextOneFinishesTheRest() throws Exception {
		int count = 600;
		List<TaskHandle> handles = submitConcurrently(count, 40);
		while (E2eWorkerApplication.Tasks.executions.size() < count / 4) {
			Thread.sleep(20);
		}

		worker.close();
		worker = startWorker();

		List<TaskResult> results = awaitAll(handles);
		assertThat(results).allSatisfy((result) -> assertThat(result.isSuccess()).as("%s", result.failure()).isTrue());
		assertThat(E2eWorkerApplication.Tasks.executions).hasSize(count)
			.allSatisfy((id, runs) -> assertThat(runs.get()).as("executions of %s", id).isEqualTo(1));
	}

	private static List<TaskHandle> submitConcurrently(int count, long sleepMillis) throws Exception {
		return E2eClients.submitCounts(client(), count, sleepMillis);
	}

	private static List<TaskResult> awaitAll(List<TaskHandle> handles) {
		List<CompletableFuture<TaskResult>> futures = handles.stream().map((handle) -> handle.resultAsync(WAIT)).toList();
		return futures.stream().map(CompletableFuture::join).toList();
	}

}
