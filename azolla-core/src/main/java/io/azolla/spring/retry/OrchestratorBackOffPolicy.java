package io.azolla.spring.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;

/**
 * A spring-retry back-off that waits {@link RetryPolicy#delayAfter(int, DoubleSupplier)} with
 * the number of attempts made so far, as the orchestrator does (protocol §3.6).
 * <p>
 * spring-retry's own exponential policies count from the first retry and cannot express "the
 * first retry already waits initial × multiplier", hence this policy.
 */
final class OrchestratorBackOffPolicy implements BackOffPolicy {

	private final RetryPolicy policy;

	private final DoubleSupplier random;

	private final RetrySleeper sleeper;

	OrchestratorBackOffPolicy(RetryPolicy policy, DoubleSupplier random, RetrySleeper sleeper) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.random = Objects.requireNonNull(random, "random");
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
	}

	@Override
	public BackOffContext start(RetryContext context) {
		return new Attempts(context);
	}

	@Override
	public void backOff(BackOffContext backOffContext) {
		int attemptsMade = ((Attempts) backOffContext).context().getRetryCount();
		Duration delay = this.policy.delayAfter(attemptsMade, this.random);
		try {
			this.sleeper.sleep(Duration.ofMillis(roundedMillis(delay)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackOffInterruptedException("Interrupted while waiting " + delay + " before the next attempt", ex);
		}
	}

	/**
	 * Rounds rather than truncates, so that a computed 0.6 s stored as 0.599999999 s still
	 * sleeps 600 ms.
	 */
	static long roundedMillis(Duration delay) {
		long nanos = delay.toNanos();
		return nanos / 1_000_000 + ((nanos % 1_000_000 >= 500_000) ? 1 : 0);
	}

	/**
	 * Gives the back-off access to the attempt count, which spring-retry keeps in the retry
	 * context.
	 */
	@SuppressWarnings("serial")
	private record Attempts(RetryContext context) implements BackOffContext {
	}

}
