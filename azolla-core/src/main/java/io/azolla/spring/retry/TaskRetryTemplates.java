package io.azolla.spring.retry;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.support.RetryTemplate;

/**
 * Applies a task {@link RetryPolicy} in this JVM, deciding and waiting exactly as the
 * orchestrator does (protocol §3.4–3.6).
 * <p>
 * Its signatures name only the project's retry model ({@link RetryPolicy}, {@link RetrySleeper})
 * and the JDK: the engine underneath (today spring-retry, which Boot 4 no longer manages and
 * which is in maintenance) is an implementation detail that can be replaced, for example by
 * Spring Framework 7's core retry, without changing this API.
 * <p>
 * After each failed attempt the decision is taken once, when the failure "arrives": retry only
 * if the error type passes {@link RetryPolicy#retries(String)}, fewer than the maximum
 * attempts were made, and the whole seconds since task creation are below the maximum
 * elapsed time. The wait before the next attempt is {@link RetryPolicy#delayAfter(int,
 * DoubleSupplier)} with the number of attempts made, slept with millisecond resolution.
 * <p>
 * The sleeper, clock and random source are injectable so that tests can prove attempt counts
 * and delays without waiting. Instances are immutable and thread-safe; each task is retried on
 * its own state, because the elapsed limit counts from that task's creation.
 */
public final class TaskRetryTemplates {

	private final RetrySleeper sleeper;

	private final Clock clock;

	private final DoubleSupplier random;

	/**
	 * Creates an adapter with explicit time and randomness sources.
	 * @param sleeper what waits between attempts (it blocks the thread running the attempts)
	 * @param clock the clock the elapsed limit is measured with
	 * @param random uniform values in [0, 1) for the jitter strategy
	 */
	public TaskRetryTemplates(RetrySleeper sleeper, Clock clock, DoubleSupplier random) {
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.random = Objects.requireNonNull(random, "random");
	}

	/**
	 * Returns an adapter that sleeps with {@link Thread#sleep(long)}, reads the system clock and
	 * draws jitter from {@link ThreadLocalRandom}.
	 * @return the adapter
	 */
	public static TaskRetryTemplates standard() {
		return new TaskRetryTemplates(RetrySleeper.threadSleep(), Clock.systemUTC(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Returns the clock the elapsed limit is measured with, so callers stamp task creation on
	 * the same time line.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Builds the spring-retry template for one task whose attempts signal failure by throwing;
	 * package-private so that spring-retry stays out of the public API.
	 * @param policy the task's retry policy
	 * @param createdAt when the task was created; {@link RetryPolicy#maxElapsed()} counts from here
	 * @param errorType the error type a thrown exception stands for, or {@code null} for an
	 * exception that is not a task failure and is never retried
	 * @return a new template
	 */
	RetryTemplate template(RetryPolicy policy, Instant createdAt, Function<Throwable, @Nullable String> errorType) {
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(new OrchestratorRetryPolicy(policy, createdAt, this.clock, errorType));
		template.setBackOffPolicy(new OrchestratorBackOffPolicy(policy, this.random, this.sleeper));
		return template;
	}

	/**
	 * Runs a task's attempts, whose outcomes are values rather than exceptions, until one
	 * succeeds or the policy stops, in the calling thread. As with the orchestrator, there is
	 * no synthetic "retries exhausted" outcome: the result is the last attempt's own outcome.
	 * If the thread is interrupted while waiting between attempts, no further attempt is made,
	 * the last outcome is returned and the interrupt flag stays set.
	 * @param <T> the outcome type
	 * @param policy the task's retry policy
	 * @param createdAt when the task was created
	 * @param attempt runs one attempt
	 * @param errorTypeOf the error type of a failed outcome, {@code null} for a success
	 * @return the last attempt's outcome
	 */
	@SuppressWarnings("NullAway") // a backoff is only interrupted after a failed attempt was recorded
	public <T> T execute(RetryPolicy policy, Instant createdAt, Supplier<T> attempt,
			Function<? super T, @Nullable String> errorTypeOf) {
		RetryTemplate template = template(policy, createdAt, FailedAttempt::typeOf);
		AtomicReference<FailedAttempt> lastFailure = new AtomicReference<>();
		try {
			return template.execute((context) -> {
				T outcome = attempt.get();
				String type = errorTypeOf.apply(outcome);
				if (type != null) {
					FailedAttempt failure = new FailedAttempt(type, outcome);
					lastFailure.set(failure);
					throw failure;
				}
				return outcome;
			}, TaskRetryTemplates::lastOutcome);
		}
		catch (BackOffInterruptedException ex) {
			return outcome(lastFailure.get());
		}
	}

	private static <T> T lastOutcome(RetryContext context) {
		Throwable last = context.getLastThrowable();
		if (last instanceof FailedAttempt failure) {
			return outcome(failure);
		}
		// Not a task failure but a fault of the attempt itself: never retried, never hidden.
		if (last instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (last instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException("Task attempt failed", last);
	}

	@SuppressWarnings("unchecked")
	private static <T> T outcome(FailedAttempt failure) {
		return (T) failure.outcome();
	}

}
