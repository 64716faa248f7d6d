package io.azolla.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas of one application, each a Spring context with the in-process shepherd in the
 * same shepherd group, against one real orchestrator: the orchestrator spreads the tasks over
 * all three, every task runs once and has one result, and a replica stopped in the middle of a
 * run (a graceful context close, which drains it) loses no task. Throughput is measured by the
 * benchmarks module, not here.
 */
@ExtendWith(RealOrchestrator.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutE2eTests {

	static final String GROUP = "scale-out";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int ATTEMPT_STARTED = 4;

	/** Tasks per scenario: a few thousand, so the shares mean something, in a few seconds. */
	private static final int TASKS = AzollaCluster.soakOr(3_000, 30_000);

	private static AzollaCluster cluster;

	private static ConfigurableApplicationContext submitter;

	/** The running replicas by name, in start order. */
	private static final Map<String, ConfigurableApplicationContext> replicas = new LinkedHashMap<>();

	@BeforeAll
	static void start() throws Exception {
		if (RealOrchestrator.unavailable(ScaleOutE2eTests.class, AzollaCluster.skipReason().orElse(null))) {
			return;
		}
		cluster = AzollaCluster.start();
		for (String name : List.of("replica-1", "replica-2", "replica-3")) {
			replicas.put(name, startReplica(name));
		}
		submitter = new SpringApplicationBuilder(ScaleOutApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.mode=none",
					"azolla.tasks.scale_count.shepherd-group=" + GROUP, "azolla.retry.backoff.strategy=fixed",
					"azolla.retry.backoff.delay=50ms", "azolla.client.wait-timeout=1m", "spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stop() throws Exception {
		List<AutoCloseable> started = new ArrayList<>();
		started.add(submitter);
		started.addAll(replicas.values());
		started.add(cluster);
		replicas.clear();
		E2eClients.closeAll(started.toArray(AutoCloseable[]::new));
	}

	@BeforeEach
	void resetCounters() {
		ScaleOutApplication.ReplicaTasks.executions.clear();
		replicas.values().forEach((replica) -> tasks(replica).reset());
	}

	@Test
	@Order(1)
	void threeReplicasShareTheTasksAndEachTaskRunsOnceWithOneResult() throws Exception {
		long started = System.nanoTime();
		List<TaskHandle> handles = submit(TASKS, 0);
		List<TaskResult> results = awaitAll(handles);
		double seconds = (System.nanoTime() - started) / 1e9;
		Map<String, Integer> shares = shares();
		System.out.printf("[e2e] scale-out: %d tasks over %d replicas in %.1f s (%.0f tasks/s); executed per replica %s%n",
				TASKS, replicas.size(), seconds, TASKS / seconds, shares);

		assertEveryTaskSucceededOnce(handles, results);
		assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(TASKS);
		// The orchestrator hands out tasks round-robin over the group's shepherds with free slots.
		assertThat(shares).hasSize(3)
			.allSatisfy((replica, executed) -> assertThat(executed).as("tasks executed by %s", replica)
				.isGreaterThanOrEqualTo(TASKS * 15 / 100));
		Map<String, Integer> attempts = attemptsOf(handles);
		assertThat(handles).allSatisfy((handle) -> assertThat(attempts.get(handle.id()))
			.as("attempts of %s at the orchestrator", handle.id()).isEqualTo(1));
	}

	@Test
	@Order(2)
	void aReplicaStoppedMidRunDrainsAndNoTaskIsLost() throws Exception {
		CompletableFuture<List<TaskHandle>> submitting = CompletableFuture.supplyAsync(() -> submit(TASKS, 20));
		while (ScaleOutApplication.ReplicaTasks.executions.size() < TASKS / 4 && !submitting.isDone()) {
			Thread.sleep(5);
		}
		int startedAtStop = ScaleOutApplication.ReplicaTasks.executions.size();
		Map<String, String> replicaByShepherd = new java.util.HashMap<>();
		replicas.forEach((name, replica) -> replicaByShepherd
			.put(replica.getBean(ShepherdWorker.class).stats().connection().shepherdUuid(), name));
		Map<String, Integer> othersAtStop = shares();
		othersAtStop.remove("replica-2");
		ConfigurableApplicationContext stopping = replicas.remove("replica-2");
		ScaleOutApplication.ReplicaTasks stoppingTasks = tasks(stopping);
		long failedDispatchesBefore = cluster.countOrchestratorLogLines("Failed to dispatch");
		long stopStarted = System.nanoTime();
		Instant stopAt = Instant.now();
		Thread closer = new Thread(stopping::close, "e2e-replica-close");
		closer.start();
		List<TaskHandle> handles = submitting.join();
		List<TaskResult> results = awaitAll(handles);
		Instant lastResultAt = Instant.now();
		closer.join(TimeUnit.SECONDS.toMillis(40));
		double stopSeconds = (System.nanoTime() - stopStarted) / 1e9;

		// Which shepherd each attempt was dispatched to, and when, relative to the stop.
		Map<String, List<AzollaCluster.Event>> attempts = cluster.eventsOfType(ATTEMPT_STARTED);
		List<List<AzollaCluster.Event>> repeated = handles.stream()
			.map((handle) -> attempts.getOrDefault(handle.id(), List.of()))
			.filter((events) -> events.size() > 1)
			.toList();
		long retried = repeated.size();
		for (int attempt = 0; attempt < 2 && !repeated.isEmpty(); attempt++) {
			int index = attempt;
			Map<String, Long> byReplica = repeated.stream()
				.collect(java.util.stream.Collectors.groupingBy(
						(events) -> replicaByShepherd.getOrDefault(events.get(index).shepherdUuid(), "other"),
						java.util.TreeMap::new, java.util.stream.Collectors.counting()));
			List<Long> millis = repeated.stream()
				.map((events) -> Duration.between(stopAt, events.get(index).at()).toMillis())
				.sorted()
				.toList();
			System.out.printf("[e2e] scale-out: attempt %d of the %d tasks attempted twice: dispatched to %s, "
					+ "%d to %d ms after the stop (median %d ms)%n", attempt + 1, retried, byReplica, millis.get(0),
					millis.get(millis.size() - 1), millis.get(millis.size() / 2));
		}
		System.out.printf("[e2e] scale-out: the last result came %d ms after the stop%n",
				Duration.between(stopAt, lastResultAt).toMillis());
		Map<String, Integer> shares = shares();
		System.out.printf("[e2e] scale-out: replica-2 stopped after %d of %d tasks had started; it executed %d, "
				+ "the other two %s (%s at the stop); its close took %.1f s; %d task(s) had a second attempt at the "
				+ "orchestrator; orchestrator log lines 'Failed to dispatch': %d%n", startedAtStop, TASKS,
				stoppingTasks.executed(), shares, othersAtStop, stopSeconds, retried,
				cluster.countOrchestratorLogLines("Failed to dispatch") - failedDispatchesBefore);

		assertThat(startedAtStop).as("tasks started before the stop").isLessThan(TASKS / 2);
		assertThat(closer.isAlive()).as("the stopped replica's context closed").isFalse();
		assertEveryTaskSucceededOnce(handles, results);
		assertThat(stoppingTasks.executed()).as("tasks the stopped replica executed").isPositive();
		assertThat(shares.values().stream().mapToInt(Integer::intValue).sum() + stoppingTasks.executed())
			.isEqualTo(TASKS);
		assertThat(shares).as("the remaining replicas took over the rest")
			.allSatisfy((name, executed) -> assertThat(executed).isGreaterThan(othersAtStop.get(name)));
	}

	/**
	 * Every task came back as a success with its own value, and was executed exactly once by
	 * exactly one replica.
	 */
	private static void assertEveryTaskSucceededOnce(List<TaskHandle> handles, List<TaskResult> results) {
		assertThat(results).hasSize(handles.size());
		for (int i = 0; i < results.size(); i++) {
			TaskResult result = results.get(i);
			assertThat(result.isSuccess()).as("result of task %d: %s", i, result.failure()).isTrue();
			assertThat(result.valueAs(Long.class)).as("value of task %d", i).isEqualTo(i);
		}
		assertThat(ScaleOutApplication.ReplicaTasks.executions).hasSize(handles.size())
			.allSatisfy((id, runs) -> assertThat(runs.get()).as("executions of %s", id).isEqualTo(1));
	}

	/**
	 * Attempts per task at the orchestrator; its events are written in batches, so this polls
	 * for up to 5 s until every task has at least one.
	 */
	private static Map<String, Integer> attemptsOf(List<TaskHandle> handles) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		Map<String, Integer> attempts = cluster.eventsPerTask(ATTEMPT_STARTED);
		while (!handles.stream().allMatch((handle) -> attempts.containsKey(handle.id())) && System.nanoTime() < deadline) {
			Thread.sleep(100);
			attempts.putAll(cluster.eventsPerTask(ATTEMPT_STARTED));
		}
		return attempts;
	}

	private static ConfigurableApplicationContext startReplica(String name) {
		return new SpringApplicationBuilder(ScaleOutApplication.class).web(WebApplicationType.NONE)
			.properties("e2e.replica=" + name, "azolla.client.endpoint=" + cluster.endpoint(),
					"azolla.worker.shepherd-group=" + GROUP, "azolla.worker.max-concurrency=16",
					"azolla.worker.status-interval=1s", "azolla.worker.shutdown-timeout=20s",
					"spring.main.banner-mode=off")
			.run();
	}

	private static ScaleOutApplication.ReplicaTasks tasks(ConfigurableApplicationContext replica) {
		return replica.getBean(ScaleOutApplication.ReplicaTasks.class);
	}

	/** Tasks executed by each running replica since the last reset. */
	private static Map<String, Integer> shares() {
		Map<String, Integer> shares = new LinkedHashMap<>();
		replicas.forEach((name, replica) -> shares.put(name, tasks(replica).executed()));
		return shares;
	}

	private static List<TaskHandle> submit(int count, long sleepMillis) {
		try {
			return E2eClients.submitCounts(submitter.getBean(AzollaClient.class), "scale_count", count, sleepMillis);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Submitting the scale_count tasks failed", ex);
		}
	}

	private static List<TaskResult> awaitAll(List<TaskHandle> handles) {
		List<CompletableFuture<TaskResult>> futures = handles.stream().map((handle) -> handle.resultAsync(WAIT)).toList();
		return futures.stream().map(CompletableFuture::join).toList();
	}

}
