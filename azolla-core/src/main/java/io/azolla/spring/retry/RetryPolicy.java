package io.azolla.spring.retry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * An immutable task retry policy: how many attempts, how long to wait between them and which
 * error types are worth another attempt.
 * <p>
 * The orchestrator applies it, and it retries by error <em>type</em> only. The worker's
 * {@code retriable} flag is never consulted, so the starter's default marks the non-retryable
 * types explicitly: it includes {@value #ANY_ERROR} (the orchestrator's wildcard for "any
 * type") and excludes {@link #NON_RETRYABLE_ERROR_TYPES}. Exclusion always wins, and an empty
 * include list means no error is ever retried.
 * <p>
 * Instances are validated when built: every value the orchestrator would reject, and every
 * value it would silently mishandle (non-finite or absurdly large numbers), is refused with an
 * {@link InvalidRetryPolicyException} naming the field.
 */
public final class RetryPolicy {

	/** The include-list entry the orchestrator treats as "retry any error type". */
	public static final String ANY_ERROR = "TaskError";

	/**
	 * Error types excluded by default: those that mean "trying again cannot help", and
	 * {@code TaskTimeoutError}, because the timed-out attempt may still be running (a thread
	 * that ignores its interrupt) and a retry on another worker would run the task twice at
	 * once; include it explicitly for tasks that are safe to overlap.
	 */
	public static final List<String> NON_RETRYABLE_ERROR_TYPES = List.of("TaskValidationError", "ValidationError",
			"InvalidArguments", "TaskNotFound", "TaskTimeoutError");

	/** The orchestrator never waits less than this between attempts. */
	public static final Duration MIN_DELAY = Duration.ofMillis(10);

	/** The largest delay accepted: far beyond any real need, far below what crashes the scheduler. */
	public static final Duration MAX_DURATION = Duration.ofSeconds(1_000_000_000L);

	static final int DEFAULT_MAX_ATTEMPTS = 5;

	private static final RetryPolicy DEFAULTS = new Builder().build();

	private final @Nullable Integer maxAttempts;

	private final @Nullable Duration maxElapsed;

	private final BackoffStrategy strategy;

	private final Duration initialDelay;

	private final double multiplier;

	private final Duration maxDelay;

	private final Duration delay;

	private final List<String> includeErrors;

	private final List<String> excludeErrors;

	private RetryPolicy(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.maxElapsed = builder.maxElapsed;
		this.strategy = builder.strategy;
		this.initialDelay = builder.initialDelay;
		this.multiplier = builder.multiplier;
		this.maxDelay = builder.maxDelay;
		this.delay = builder.delay;
		this.includeErrors = List.copyOf(builder.includeErrors);
		this.excludeErrors = List.copyOf(builder.excludeErrors);
	}

	/**
	 * Returns the starter's default policy: 5 attempts, exponential backoff with full jitter
	 * (1 s initial, ×2, at most 5 min), any error type retried except the non-retryable ones.
	 * @return the default policy
	 */
	public static RetryPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder that starts from {@link #defaults()}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder for exponential backoff with full jitter, otherwise the defaults.
	 * @return a new builder
	 */
	public static Builder exponentialJitter() {
		return new Builder().strategy(BackoffStrategy.EXPONENTIAL_JITTER);
	}

	/**
	 * Returns a builder for exponential backoff without jitter, otherwise the defaults.
	 * @return a new builder
	 */
	public static Builder exponential() {
		return new Builder().strategy(BackoffStrategy.EXPONENTIAL);
	}

	/**
	 * Returns a builder for a fixed delay between attempts, otherwise the defaults.
	 * @param delay the delay before each retry
	 * @return a new builder
	 */
	public static Builder fixed(Duration delay) {
		return new Builder().strategy(BackoffStrategy.FIXED).delay(delay);
	}

	/**
	 * Returns a policy that makes exactly one attempt.
	 * @return the policy
	 */
	public static RetryPolicy none() {
		return new Builder().maxAttempts(1).build();
	}

	/**
	 * Returns a builder holding this policy's values, to derive a changed copy.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Returns the total number of attempts, the first included.
	 * @return the limit, or empty for unlimited attempts
	 */
	public OptionalInt maxAttempts() {
		return (this.maxAttempts != null) ? OptionalInt.of(this.maxAttempts) : OptionalInt.empty();
	}

	/**
	 * Returns the time since task creation after which a failure is final.
	 * @return the limit, or empty when only attempts count
	 */
	public Optional<Duration> maxElapsed() {
		return Optional.ofNullable(this.maxElapsed);
	}

	public BackoffStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Returns the base delay of the exponential strategies.
	 * @return the initial delay
	 */
	public Duration initialDelay() {
		return this.initialDelay;
	}

	/**
	 * Returns the growth factor of the exponential strategies.
	 * @return the multiplier, at least 1
	 */
	public double multiplier() {
		return this.multiplier;
	}

	/**
	 * Returns the cap of the exponential strategies.
	 * @return the maximum delay
	 */
	public Duration maxDelay() {
		return this.maxDelay;
	}

	/**
	 * Returns the delay of the fixed strategy.
	 * @return the fixed delay
	 */
	public Duration delay() {
		return this.delay;
	}

	public List<String> includeErrors() {
		return this.includeErrors;
	}

	public List<String> excludeErrors() {
		return this.excludeErrors;
	}

	/**
	 * Decides, as the orchestrator does, whether an error type may be retried: excluded types
	 * never are, an empty include list retries nothing, {@value #ANY_ERROR} retries anything.
	 * @param errorType the error type a worker reported
	 * @return whether another attempt is allowed by type
	 */
	public boolean retries(String errorType) {
		if (this.excludeErrors.contains(errorType) || this.includeErrors.isEmpty()) {
			return false;
		}
		return this.includeErrors.contains(ANY_ERROR) || this.includeErrors.contains(errorType);
	}

	/**
	 * Returns whether the attempt limit is reached.
	 * @param attemptsMade attempts made so far, the failed one included
	 * @return {@code true} when no attempt is left
	 */
	public boolean attemptsExhausted(int attemptsMade) {
		return this.maxAttempts != null && attemptsMade >= this.maxAttempts;
	}

	/**
	 * Returns whether the time limit is reached, measured like the orchestrator: whole seconds
	 * since task creation, truncated.
	 * @param sinceCreation time since the task was created
	 * @return {@code true} when the policy forbids another attempt by time
	 */
	public boolean elapsedExhausted(Duration sinceCreation) {
		if (this.maxElapsed == null) {
			return false;
		}
		return sinceCreation.toSeconds() >= toSeconds(this.maxElapsed);
	}

	/**
	 * Computes the wait before the next attempt with the orchestrator's formulas: after n
	 * attempts the exponential delay is {@code min(initial × multiplier^n, max)}, so the first
	 * retry already waits {@code initial × multiplier}; jitter draws uniformly below that; no
	 * wait is shorter than {@link #MIN_DELAY}.
	 * @param attemptsMade attempts made so far, at least 1
	 * @param random a source of uniform values in [0, 1), used by the jitter strategy
	 * @return the delay before the next attempt
	 */
	public Duration delayAfter(int attemptsMade, DoubleSupplier random) {
		double seconds = switch (this.strategy) {
			case FIXED -> toSeconds(this.delay);
			case EXPONENTIAL -> exponentialSeconds(attemptsMade);
			case EXPONENTIAL_JITTER -> random.getAsDouble() * exponentialSeconds(attemptsMade);
		};
		Duration computed = Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE));
		return (computed.compareTo(MIN_DELAY) < 0) ? MIN_DELAY : computed;
	}

	private double exponentialSeconds(int attemptsMade) {
		double raw = toSeconds(this.initialDelay) * Math.pow(this.multiplier, Math.max(attemptsMade, 1));
		return Math.min(raw, toSeconds(this.maxDelay));
	}

	static double toSeconds(Duration duration) {
		return duration.getSeconds() + duration.getNano() / 1e9;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof RetryPolicy that)) {
			return false;
		}
		return Objects.equals(this.maxAttempts, that.maxAttempts) && Objects.equals(this.maxElapsed, that.maxElapsed)
				&& this.strategy == that.strategy && this.initialDelay.equals(that.initialDelay)
				&& Double.compare(this.multiplier, that.multiplier) == 0 && this.maxDelay.equals(that.maxDelay)
				&& this.delay.equals(that.delay) && this.includeErrors.equals(that.includeErrors)
				&& this.excludeErrors.equals(that.excludeErrors);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxAttempts, this.maxElapsed, this.strategy, this.initialDelay, this.multiplier,
				this.maxDelay, this.delay, this.includeErrors, this.excludeErrors);
	}

	@Override
	public String toString() {
		return "RetryPolicy[maxAttempts=" + ((this.maxAttempts != null) ? this.maxAttempts : "unlimited")
				+ ", maxElapsed=" + this.maxElapsed + ", strategy=" + this.strategy + ", initialDelay="
				+ this.initialDelay + ", multiplier=" + this.multiplier + ", maxDelay=" + this.maxDelay + ", delay="
				+ this.delay + ", include=" + this.includeErrors + ", exclude=" + this.excludeErrors + "]";
	}

	/**
	 * Builds a validated {@link RetryPolicy}. Starts from the starter defaults.
	 */
	public static final class Builder {

		private @Nullable Integer maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private @Nullable Duration maxElapsed;

		private BackoffStrategy strategy = BackoffStrategy.EXPONENTIAL_JITTER;

		private Duration initialDelay = Duration.ofSeconds(1);

		private double multiplier = 2.0;

		private Duration maxDelay = Duration.ofMinutes(5);

		private Duration delay = Duration.ofSeconds(1);

		private List<String> includeErrors = List.of(ANY_ERROR);

		private List<String> excludeErrors = NON_RETRYABLE_ERROR_TYPES;

		private Builder() {
		}

		private Builder(RetryPolicy policy) {
			this.maxAttempts = policy.maxAttempts;
			this.maxElapsed = policy.maxElapsed;
			this.strategy = policy.strategy;
			this.initialDelay = policy.initialDelay;
			this.multiplier = policy.multiplier;
			this.maxDelay = policy.maxDelay;
			this.delay = policy.delay;
			this.includeErrors = policy.includeErrors;
			this.excludeErrors = policy.excludeErrors;
		}

		/**
		 * Sets the total number of attempts, the first included.
		 * @param maxAttempts at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Removes the attempt limit; only the error types and {@link #maxElapsed} then stop retries.
		 * @return this builder
		 */
		public Builder unlimitedAttempts() {
			this.maxAttempts = null;
			return this;
		}

		/**
		 * Sets the time since task creation after which a failure is final ({@code null} for none).
		 * The orchestrator checks it, in whole seconds, only when a failure arrives.
		 * @param maxElapsed the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder maxElapsed(@Nullable Duration maxElapsed) {
			this.maxElapsed = maxElapsed;
			return this;
		}

		public Builder strategy(BackoffStrategy strategy) {
			this.strategy = Objects.requireNonNull(strategy, "strategy");
			return this;
		}

		public Builder initialDelay(Duration initialDelay) {
			this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
			return this;
		}

		public Builder multiplier(double multiplier) {
			this.multiplier = multiplier;
			return this;
		}

		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
			return this;
		}

		/**
		 * Sets the delay used by the fixed strategy.
		 * @param delay the delay before each retry
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			this.delay = Objects.requireNonNull(delay, "delay");
			return this;
		}

		/**
		 * Replaces the error types that may be retried; {@value RetryPolicy#ANY_ERROR} means any.
		 * @param types the types
		 * @return this builder
		 */
		public Builder includeErrors(List<String> types) {
			this.includeErrors = List.copyOf(types);
			return this;
		}

		public Builder includeErrors(String... types) {
			return includeErrors(List.of(types));
		}

		/**
		 * Replaces the error types that are never retried.
		 * @param types the types
		 * @return this builder
		 */
		public Builder excludeErrors(List<String> types) {
			this.excludeErrors = List.copyOf(types);
			return this;
		}

		public Builder excludeErrors(String... types) {
			return excludeErrors(List.of(types));
		}

		/**
		 * Validates the values and builds the policy.
		 * @return the policy
		 * @throws InvalidRetryPolicyException naming the first field at fault
		 */
		public RetryPolicy build() {
			if (this.maxAttempts != null && this.maxAttempts < 1) {
				throw new InvalidRetryPolicyException("max-attempts", "must be at least 1 (was " + this.maxAttempts + ")");
			}
			if (this.maxElapsed != null) {
				checkDuration("max-elapsed", this.maxElapsed);
			}
			if (this.strategy != BackoffStrategy.FIXED) {
				if (!Double.isFinite(this.multiplier) || this.multiplier < 1.0) {
					throw new InvalidRetryPolicyException("backoff.multiplier",
							"must be a finite number of at least 1 (was " + this.multiplier + ")");
				}
				if (this.multiplier > 1_000) {
					throw new InvalidRetryPolicyException("backoff.multiplier", "must be at most 1000 (was " + this.multiplier + ")");
				}
			}
			checkDuration("backoff.initial-delay", this.initialDelay);
			checkDuration("backoff.max-delay", this.maxDelay);
			checkDuration("backoff.delay", this.delay);
			checkNames("include-errors", this.includeErrors);
			checkNames("exclude-errors", this.excludeErrors);
			return new RetryPolicy(this);
		}

		private static void checkDuration(String field, Duration value) {
			if (value.isNegative()) {
				throw new InvalidRetryPolicyException(field, "must not be negative (was " + value + ")");
			}
			if (value.compareTo(MAX_DURATION) > 0) {
				throw new InvalidRetryPolicyException(field, "must be at most " + MAX_DURATION.getSeconds()
						+ " seconds (was " + value + ")");
			}
		}

		private static void checkNames(String field, List<String> names) {
			for (String name : names) {
				if (name == null || name.isBlank()) {
					throw new InvalidRetryPolicyException(field, "must not contain blank error types");
				}
			}
		}

	}

}
