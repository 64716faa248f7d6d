package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskInvoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TimeLimiter}, which limits time with the engine's mechanism.
 */
class TimeLimiterTests {

	private final TestTasks tasks = new TestTasks();

	private final TaskInvoker invoker = new TaskInvoker(this.tasks.registry(), JsonMapper.builder().build());

	private final TimeLimiter limiter = new TimeLimiter();

	@AfterEach
	void tearDown() {
		this.tasks.gate.countDown();
		this.limiter.close();
	}

	@Test
	void aTaskOverItsLimitGetsATimeoutResultAndItsThreadIsInterrupted() throws Exception {
		TaskAttempt attempt = this.limiter.around(this.invoker,
				new TaskTimeouts(this.invoker.registry(), Map.of(), null)::forTask);
		TaskResult result = attempt.run(id(), "stubborn", "[]", "{}");
		assertThat(result.getError().getType()).isEqualTo("TaskTimeoutError");
		assertThat(result.getError().getData()).contains("\"timeout_ms\":200");
		// stubborn returns soon after its interrupt, long before its 30 s sleep ends.
		assertThat(this.tasks.stubbornReturned.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aTaskWithoutALimitRunsUntilItReturns() {
		TaskAttempt attempt = this.limiter.around(this.invoker, (name) -> null);
		CompletableFuture<TaskResult> result = CompletableFuture
			.supplyAsync(() -> attempt.run(id(), "blocking", "[\"done\"]", "{}"));
		Poll.until("the task started", () -> this.tasks.blockingRuns.get() == 1);
		assertThat(result).isNotDone();
		this.tasks.gate.countDown();
		assertThat(result.join().getSuccess().getResult().getStringValue()).isEqualTo("done");
	}

	@Test
	void aCallerInterruptedWhileWaitingGetsAnInterruptedResult() throws Exception {
		TaskAttempt attempt = this.limiter.around(this.invoker, (name) -> Duration.ofMinutes(1));
		CompletableFuture<TaskResult> result = new CompletableFuture<>();
		Thread caller = new Thread(() -> result.complete(attempt.run(id(), "blocking", "[\"x\"]", "{}")));
		caller.start();
		Poll.until("the task started", () -> this.tasks.blockingRuns.get() == 1);
		caller.interrupt();
		assertThat(result.get(10, TimeUnit.SECONDS).getError().getType()).isEqualTo("TaskInterruptedError");
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

}
