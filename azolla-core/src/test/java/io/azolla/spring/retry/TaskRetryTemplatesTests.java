package io.azolla.spring.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.retry.support.RetryTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TaskRetryTemplates}: attempt counts, type matching, delays and the elapsed
 * limit, all on a fake clock whose sleeper only records and advances time.
 */
class TaskRetryTemplatesTests {

	private final FakeClock clock = new FakeClock();

	private final List<Long> sleeps = new ArrayList<>();

	private final RetrySleeper sleeper = (delay) -> {
		this.sleeps.add(delay.toMillis());
		this.clock.advance(delay);
	};

	private final TaskRetryTemplates retries = new TaskRetryTemplates(this.sleeper, this.clock, () -> 0.25);

	@Test
	void alwaysFailingTaskWithThreeAttemptsRunsExactlyThreeTimesAndEndsWithTheThirdOutcome() {
		RetryPolicy policy = RetryPolicy.fixed(Duration.ofSeconds(1)).maxAttempts(3).build();
		AttemptLog log = new AttemptLog("IOError", "IOError", "IOError", "IOError");

		Outcome outcome = run(policy, log);

		assertThat(log.count()).isEqualTo(3);
		assertThat(outcome).isEqualTo(new Outcome(3, "IOError"));
		assertThat(this.sleeps).containsExactly(1000L, 1000L);
	}

	@Test
	void flakyTaskThatSucceedsOnTheThirdAttemptReturnsItsSuccess() {
		AttemptLog log = new AttemptLog("IOError", "TimeoutError", null);

		Outcome outcome = run(RetryPolicy.fixed(Duration.ofMillis(50)).build(), log);

		assertThat(outcome).isEqualTo(new Outcome(3, null));
		assertThat(this.sleeps).containsExactly(50L, 50L);
	}

	@Test
	void listedTypesAreRetriedAndOthersAreNot() {
		RetryPolicy policy = fixedPolicy().includeErrors("IOError").excludeErrors().build();

		assertThat(attemptsUntilStop(policy, "IOError")).isEqualTo(5);
		assertThat(attemptsUntilStop(policy, "ValueError")).isEqualTo(1);
	}

	@Test
	void taskErrorInTheIncludeListRetriesAnyType() {
		RetryPolicy policy = fixedPolicy().includeErrors("TaskError").excludeErrors().build();

		assertThat(attemptsUntilStop(policy, "SomethingUnheardOf")).isEqualTo(5);
		assertThat(attemptsUntilStop(policy, "TaskNotFound")).isEqualTo(5);
	}

	@Test
	void exclusionWinsOverInclusionAndOverTheWildcard() {
		RetryPolicy listed = fixedPolicy().includeErrors("IOError").excludeErrors("IOError").build();
		RetryPolicy wildcard = fixedPolicy().includeErrors("TaskError").excludeErrors("IOError").build();

		assertThat(attemptsUntilStop(listed, "IOError")).isEqualTo(1);
		assertThat(attemptsUntilStop(wildcard, "IOError")).isEqualTo(1);
		assertThat(attemptsUntilStop(wildcard, "ValueError")).isEqualTo(5);
	}

	@Test
	void emptyIncludeListNeverRetries() {
		RetryPolicy policy = fixedPolicy().includeErrors(List.of()).excludeErrors().build();

		assertThat(attemptsUntilStop(policy, "TaskError")).isEqualTo(1);
		assertThat(attemptsUntilStop(policy, "ValueError")).isEqualTo(1);
	}

	@Test
	void defaultPolicyMakesOneAttemptForTheNonRetryableTypes() {
		RetryPolicy policy = RetryPolicy.defaults();

		for (String type : List.of("TaskValidationError", "ValidationError", "TaskNotFound", "InvalidArguments")) {
			assertThat(attemptsUntilStop(policy, type)).as(type).isEqualTo(1);
		}
		assertThat(attemptsUntilStop(policy, "ValueError")).isEqualTo(5);
	}

	@Test
	void fixedStrategyWaitsTheSameDelayBeforeEveryRetry() {
		run(RetryPolicy.fixed(Duration.ofSeconds(3)).maxAttempts(4).build(), AttemptLog.failing("IOError"));

		assertThat(this.sleeps).containsExactly(3000L, 3000L, 3000L);
	}

	@Test
	void exponentialStrategyWaitsInitialTimesMultiplierToTheAttemptsMadeCappedByTheMaximum() {
		RetryPolicy policy = RetryPolicy.exponential()
			.initialDelay(Duration.ofMillis(500))
			.multiplier(3)
			.maxDelay(Duration.ofSeconds(10))
			.maxAttempts(6)
			.build();

		run(policy, AttemptLog.failing("IOError"));

		assertThat(this.sleeps).containsExactly(1500L, 4500L, 10000L, 10000L, 10000L);
	}

	@Test
	void jitterStrategyDrawsItsWaitFromTheRandomSource() {
		RetryPolicy policy = RetryPolicy.exponentialJitter()
			.initialDelay(Duration.ofSeconds(1))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(6))
			.maxAttempts(5)
			.build();

		run(policy, AttemptLog.failing("IOError"));

		// 0.25 × min(1 s × 2^n, 6 s) for n = 1..4
		assertThat(this.sleeps).containsExactly(500L, 1000L, 1500L, 1500L);
	}

	@Test
	void noWaitIsShorterThanTenMilliseconds() {
		TaskRetryTemplates zeroJitter = new TaskRetryTemplates(this.sleeper, this.clock, () -> 0.0);

		run(RetryPolicy.fixed(Duration.ZERO).maxAttempts(3).build(), AttemptLog.failing("IOError"));
		zeroJitter.execute(RetryPolicy.exponentialJitter().maxAttempts(2).build(), this.clock.instant(),
				AttemptLog.failing("IOError"), Outcome::errorType);

		assertThat(this.sleeps).containsExactly(10L, 10L, 10L);
	}

	@Test
	void elapsedLimitCountsWholeSecondsSinceCreationWhenAFailureArrives() {
		RetryPolicy policy = RetryPolicy.fixed(Duration.ofMillis(100))
			.unlimitedAttempts()
			.maxElapsed(Duration.ofSeconds(3))
			.build();
		AttemptLog log = AttemptLog.failing("IOError").taking(this.clock, Duration.ofMillis(1400));

		run(policy, log);

		// Failures arrive at 1.4 s, 2.9 s (still 2 whole seconds) and 4.4 s, which stops.
		assertThat(log.count()).isEqualTo(3);
	}

	@Test
	void elapsedLimitStartsAtTaskCreationNotAtTheFirstAttempt() {
		RetryPolicy policy = RetryPolicy.fixed(Duration.ofMillis(100)).maxElapsed(Duration.ofSeconds(3)).build();
		Instant createdAt = this.clock.instant();
		this.clock.advance(Duration.ofSeconds(5));
		AttemptLog log = AttemptLog.failing("IOError");

		this.retries.execute(policy, createdAt, log, Outcome::errorType);

		assertThat(log.count()).isEqualTo(1);
	}

	@Test
	void retryScheduledBeforeTheElapsedLimitStillRunsAfterIt() {
		RetryPolicy policy = RetryPolicy.fixed(Duration.ofSeconds(5))
			.unlimitedAttempts()
			.maxElapsed(Duration.ofSeconds(3))
			.build();
		AttemptLog log = AttemptLog.failing("IOError");

		run(policy, log);

		// Like the orchestrator, the limit is only checked when a failure arrives.
		assertThat(log.count()).isEqualTo(2);
	}

	@Test
	void faultOfTheAttemptItselfIsRethrownWithoutRetry() {
		AtomicInteger calls = new AtomicInteger();

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.retries.execute(RetryPolicy.defaults(), this.clock.instant(), () -> {
				calls.incrementAndGet();
				throw new IllegalStateException("broken");
			}, (Object outcome) -> null))
			.withMessage("broken");
		assertThat(calls).hasValue(1);
	}

	@Test
	void interruptedWaitEndsWithTheLastOutcomeAndKeepsTheInterruptFlag() {
		TaskRetryTemplates interrupted = new TaskRetryTemplates((delay) -> {
			throw new InterruptedException();
		}, this.clock, () -> 0.5);
		AttemptLog log = AttemptLog.failing("IOError");

		try {
			Outcome outcome = interrupted.execute(fixedPolicy().build(), this.clock.instant(), log, Outcome::errorType);

			assertThat(outcome).isEqualTo(new Outcome(1, "IOError"));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void templateRetriesThrownFailuresByTheirMappedTypeAndRethrowsTheLast() {
		RetryPolicy policy = fixedPolicy().maxAttempts(3).build();
		RetryTemplate template = this.retries.template(policy, this.clock.instant(),
				(failure) -> failure.getClass().getSimpleName());
		AtomicInteger calls = new AtomicInteger();

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> template.execute((context) -> {
			throw new IllegalArgumentException("attempt " + calls.incrementAndGet());
		})).withMessage("attempt 3");
		assertThat(this.sleeps).hasSize(2);
	}

	private static RetryPolicy.Builder fixedPolicy() {
		return RetryPolicy.fixed(Duration.ofMillis(20));
	}

	private Outcome run(RetryPolicy policy, Supplier<Outcome> attempts) {
		return this.retries.execute(policy, this.clock.instant(), attempts, Outcome::errorType);
	}

	private int attemptsUntilStop(RetryPolicy policy, String errorType) {
		AttemptLog log = AttemptLog.failing(errorType);
		run(policy, log);
		return log.count();
	}

	/**
	 * One attempt's outcome: the attempt number and the error type, {@code null} for a success.
	 */
	record Outcome(int attempt, String errorType) {
	}

	/**
	 * Plays scripted outcomes, repeating the last one, and counts the attempts.
	 */
	static final class AttemptLog implements Supplier<Outcome> {

		private final List<String> script;

		private int count;

		private FakeClock clock;

		private Duration duration = Duration.ZERO;

		AttemptLog(String... errorTypes) {
			this.script = Arrays.asList(errorTypes);
		}

		static AttemptLog failing(String errorType) {
			return new AttemptLog(errorType);
		}

		AttemptLog taking(FakeClock clock, Duration duration) {
			this.clock = clock;
			this.duration = duration;
			return this;
		}

		@Override
		public Outcome get() {
			this.count++;
			if (this.clock != null) {
				this.clock.advance(this.duration);
			}
			return new Outcome(this.count, this.script.get(Math.min(this.count, this.script.size()) - 1));
		}

		int count() {
			return this.count;
		}

	}

}
