package io.azolla.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.azolla.proto.common.RetryPolicy;
import io.azolla.proto.common.RetryPolicyStop;
import org.jspecify.annotations.Nullable;

/**
 * A task's retry policy as the orchestrator reads and applies it (protocol notes §3): the wire
 * message mapped with its presence rules, validated at creation, and consulted when an attempt
 * fails.
 *
 * @param maxAttempts total attempts allowed, {@code null} for no limit
 * @param maxElapsedSeconds time since creation after which a failure is final, {@code null}
 * for none
 * @param kind how the wait is computed
 * @param initialDelay the base wait in seconds (the delay itself for {@code FIXED})
 * @param multiplier the growth factor of the exponential kinds
 * @param maxDelay the longest wait in seconds
 * @param includeErrors error types retried; {@code TaskError} stands for any type
 * @param excludeErrors error types never retried
 */
record OrchestratorRetryRules(@Nullable Integer maxAttempts, @Nullable Double maxElapsedSeconds, Kind kind,
		double initialDelay, double multiplier, double maxDelay, List<String> includeErrors, List<String> excludeErrors) {

	/** The policy of a task created without one. */
	static final OrchestratorRetryRules DEFAULT = new OrchestratorRetryRules(5, null, Kind.EXPONENTIAL_JITTER, 1.0, 2.0,
			300.0, List.of("ValueError"), List.of());

	static final String ANY_ERROR = "TaskError";

	private static final Duration MIN_DELAY = Duration.ofMillis(10);

	enum Kind {

		FIXED, EXPONENTIAL, EXPONENTIAL_JITTER

	}

	/**
	 * Maps and validates a policy from a CreateTask request.
	 * @param proto the request's policy, or {@code null} when absent
	 * @return the rules
	 * @throws IllegalArgumentException with the orchestrator's reason when it would refuse it
	 */
	static OrchestratorRetryRules fromRequest(@Nullable RetryPolicy proto) {
		if (proto == null) {
			return DEFAULT;
		}
		// The version is narrowed to 8 bits before the check.
		if ((proto.getVersion() & 0xFF) != 1) {
			throw new IllegalArgumentException("Unsupported retry policy version");
		}
		Integer maxAttempts = DEFAULT.maxAttempts;
		Double maxElapsed = null;
		if (proto.hasStop()) {
			RetryPolicyStop stop = proto.getStop();
			maxAttempts = stop.hasMaxAttempts() ? Integer.valueOf(stop.getMaxAttempts()) : null;
			maxElapsed = stop.hasMaxDelay() ? Double.valueOf(stop.getMaxDelay()) : null;
		}
		OrchestratorRetryRules rules = withWait(proto, maxAttempts, maxElapsed);
		if (rules.maxAttempts != null && Integer.compareUnsigned(rules.maxAttempts, 1) < 0) {
			throw new IllegalArgumentException("max_attempts must be >= 1");
		}
		// Written as "less than" like the original, so that NaN passes as it does there.
		if (rules.multiplier < 1.0) {
			throw new IllegalArgumentException("multiplier must be >= 1");
		}
		if (rules.initialDelay < 0.0 || rules.maxDelay < 0.0) {
			throw new IllegalArgumentException("delay values must be >= 0");
		}
		return rules;
	}

	private static OrchestratorRetryRules withWait(RetryPolicy proto, @Nullable Integer maxAttempts,
			@Nullable Double maxElapsed) {
		List<String> include = proto.hasRetry() ? List.copyOf(proto.getRetry().getIncludeErrorsList())
				: DEFAULT.includeErrors;
		List<String> exclude = proto.hasRetry() ? List.copyOf(proto.getRetry().getExcludeErrorsList())
				: DEFAULT.excludeErrors;
		return switch (proto.getWait().getKindCase()) {
			case FIXED -> new OrchestratorRetryRules(maxAttempts, maxElapsed, Kind.FIXED,
					proto.getWait().getFixed().getDelay(), 1.0, proto.getWait().getFixed().getDelay(), include, exclude);
			case EXPONENTIAL -> new OrchestratorRetryRules(maxAttempts, maxElapsed, Kind.EXPONENTIAL,
					proto.getWait().getExponential().getInitialDelay(), proto.getWait().getExponential().getMultiplier(),
					proto.getWait().getExponential().getMaxDelay(), include, exclude);
			case EXPONENTIAL_JITTER -> new OrchestratorRetryRules(maxAttempts, maxElapsed, Kind.EXPONENTIAL_JITTER,
					proto.getWait().getExponentialJitter().getInitialDelay(),
					proto.getWait().getExponentialJitter().getMultiplier(),
					proto.getWait().getExponentialJitter().getMaxDelay(), include, exclude);
			case KIND_NOT_SET -> new OrchestratorRetryRules(maxAttempts, maxElapsed, DEFAULT.kind, DEFAULT.initialDelay,
					DEFAULT.multiplier, DEFAULT.maxDelay, include, exclude);
		};
	}

	/**
	 * Returns the rules in force when a failure is evaluated: the orchestrator stores the policy
	 * as JSON, where a non-finite wait value cannot be read back, so it falls back to the
	 * default policy; a non-finite time limit reads back as no limit.
	 */
	OrchestratorRetryRules asStored() {
		if (!Double.isFinite(this.initialDelay) || !Double.isFinite(this.multiplier) || !Double.isFinite(this.maxDelay)) {
			return DEFAULT;
		}
		if (this.maxElapsedSeconds != null && !Double.isFinite(this.maxElapsedSeconds)) {
			return new OrchestratorRetryRules(this.maxAttempts, null, this.kind, this.initialDelay, this.multiplier,
					this.maxDelay, this.includeErrors, this.excludeErrors);
		}
		return this;
	}

	/**
	 * Whether an error type may be retried: exclusion wins, an empty include list retries
	 * nothing, {@code TaskError} retries any type.
	 */
	boolean retries(String errorType) {
		if (this.excludeErrors.contains(errorType) || this.includeErrors.isEmpty()) {
			return false;
		}
		return this.includeErrors.contains(ANY_ERROR) || this.includeErrors.contains(errorType);
	}

	/**
	 * Whether a failure after the given number of attempts, so long after creation, is final.
	 */
	boolean stopsAfter(int attemptsMade, Duration sinceCreation) {
		if (this.maxAttempts != null && Integer.toUnsignedLong(this.maxAttempts) <= attemptsMade) {
			return true;
		}
		// Whole seconds, truncated, as the original compares them.
		return this.maxElapsedSeconds != null && sinceCreation.toSeconds() >= this.maxElapsedSeconds;
	}

	/**
	 * Returns the wait before the next attempt after the given number of attempts: the fixed
	 * delay, or {@code min(initial × multiplier^n, max)} (with full jitter a uniform draw below
	 * it), never less than 10 ms.
	 */
	Duration delayAfter(int attemptsMade) {
		double seconds = switch (this.kind) {
			case FIXED -> this.initialDelay;
			case EXPONENTIAL -> Math.min(this.initialDelay * Math.pow(this.multiplier, attemptsMade), this.maxDelay);
			case EXPONENTIAL_JITTER -> ThreadLocalRandom.current().nextDouble()
					* Math.min(this.initialDelay * Math.pow(this.multiplier, attemptsMade), this.maxDelay);
		};
		// Beyond about 1.8e19 s the original crashes the domain; here it is just "very late".
		Duration delay = (seconds > 1e9) ? Duration.ofSeconds(1_000_000_000L)
				: Duration.ofNanos((long) (seconds * 1_000_000_000L));
		return (delay.compareTo(MIN_DELAY) < 0) ? MIN_DELAY : delay;
	}

}
