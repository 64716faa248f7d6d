package io.azolla.spring.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskException;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.AzollaThreads;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.WorkerStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TaskExecutionObservationsTests {

	private final ExecutorService threads = AzollaThreads.newCachedPool("observed-");

	private final WorkerStats stats = new WorkerStats();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void engineExecutionsBecomeTimersTaggedWithTaskOutcomeAndMicrometersErrorKey() throws Exception {
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		TaskExecutionEngine engine = engine(observations);
		run(engine, "1", "ok");
		run(engine, "2", "ok");
		run(engine, "3", "fail");
		run(engine, "4", "slow");
		assertThat(meters.get(TaskExecutionObservations.NAME)
			.tags("task", "ok", "outcome", "success", "error", "none")
			.timer()
			.count()).isEqualTo(2);
		assertThat(meters.get(TaskExecutionObservations.NAME)
			.tags("task", "fail", "outcome", "failure", "error", "TaskException")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get(TaskExecutionObservations.NAME)
			.tags("task", "slow", "outcome", "timeout", "error", "TaskTimeoutException")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(100);
		assertThat(meters.get(TaskExecutionObservations.NAME).meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("task", "outcome", "error"));
		assertThat(meters.get(TaskExecutionObservations.NAME + ".active").tags("task", "ok").longTaskTimer().activeTasks())
			.isZero();
		// The same executions are counted by the statistics the endpoint reads.
		assertThat(this.stats.task("ok")).get().satisfies((ok) -> assertThat(ok.successes()).isEqualTo(2));
		assertThat(this.stats.task("slow")).get()
			.satisfies((slow) -> assertThat(slow.lastErrorType()).isEqualTo("TaskTimeoutError"));
	}

	@Test
	void eachExecutionIsOneStoppedObservationWithTheTaskIdOnlyAsAHighCardinalityKey() throws Exception {
		TestObservationRegistry observations = TestObservationRegistry.create();
		run(engine(observations), "task-42", "fail");
		TestObservationRegistryAssert.assertThat(observations)
			.hasNumberOfObservationsWithNameEqualTo(TaskExecutionObservations.NAME, 1)
			.hasObservationWithNameEqualTo(TaskExecutionObservations.NAME)
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("azolla execute fail")
			.hasLowCardinalityKeyValue("task", "fail")
			.hasLowCardinalityKeyValue("outcome", "failure")
			.doesNotHaveLowCardinalityKeyValueWithKey("error.type")
			.hasHighCardinalityKeyValue("azolla.task.id", "task-42")
			.hasHighCardinalityKeyValue("azolla.task.error.type", "IllegalArgumentException")
			.assertThatError()
			.isInstanceOfSatisfying(TaskException.class,
					(error) -> assertThat(error.getType()).isEqualTo("IllegalArgumentException"));
	}

	@Test
	void noopRegistryRecordsNothingAndCostsNothing() throws Exception {
		TaskExecutionObservations listener = new TaskExecutionObservations(ObservationRegistry.NOOP);
		listener.taskStarted("1", "ok");
		listener.taskCompleted("1", "ok", TaskResult.getDefaultInstance(), Duration.ZERO);
		run(engine(ObservationRegistry.NOOP), "2", "ok");
		assertThat(this.stats.task("ok")).isPresent();
	}

	private TaskExecutionEngine engine(ObservationRegistry observations) {
		TaskInvoker invoker = new TaskInvoker(TestHandlers.registry(), JsonMapper.builder().build());
		TaskExecutionEngine engine = new TaskExecutionEngine(invoker, 4,
				new TaskTimeouts(invoker.registry(), Map.of(), Duration.ofSeconds(10))::forTask, this.threads);
		engine.addListener(this.stats.executionListener(4));
		engine.addListener(new TaskExecutionObservations(observations));
		return engine;
	}

	private static TaskResult run(TaskExecutionEngine engine, String id, String name) throws Exception {
		CompletableFuture<TaskResult> result = new CompletableFuture<>();
		assertThat(engine.submit(id, name, "[]", "{}", result::complete)).isTrue();
		return result.get(10, TimeUnit.SECONDS);
	}

}
