package io.azolla.spring.retry;

import io.azolla.proto.common.RetryPolicyExponentialJitterWait;
import io.azolla.proto.common.RetryPolicyExponentialWait;
import io.azolla.proto.common.RetryPolicyFixedWait;
import io.azolla.proto.common.RetryPolicyRetry;
import io.azolla.proto.common.RetryPolicyStop;
import io.azolla.proto.common.RetryPolicyWait;

/**
 * Maps a {@link RetryPolicy} onto the wire message, honouring the orchestrator's presence
 * rules: the version is always 1, {@code stop}, {@code wait} and {@code retry} are always
 * present (an absent one would mean the orchestrator's own defaults), {@code max_attempts} is
 * left unset only for unlimited attempts, and the exponential kinds always carry their
 * multiplier.
 */
public final class RetryPolicyProtos {

	/** The only policy version the orchestrator accepts. */
	public static final int VERSION = 1;

	private RetryPolicyProtos() {
	}

	/**
	 * Converts a policy to its wire form.
	 * @param policy the policy
	 * @return the wire message
	 */
	public static io.azolla.proto.common.RetryPolicy toProto(RetryPolicy policy) {
		RetryPolicyStop.Builder stop = RetryPolicyStop.newBuilder();
		policy.maxAttempts().ifPresent(stop::setMaxAttempts);
		policy.maxElapsed().ifPresent((limit) -> stop.setMaxDelay(RetryPolicy.toSeconds(limit)));
		return io.azolla.proto.common.RetryPolicy.newBuilder()
			.setVersion(VERSION)
			.setStop(stop)
			.setWait(wait(policy))
			.setRetry(RetryPolicyRetry.newBuilder()
				.addAllIncludeErrors(policy.includeErrors())
				.addAllExcludeErrors(policy.excludeErrors()))
			.build();
	}

	private static RetryPolicyWait wait(RetryPolicy policy) {
		double initial = RetryPolicy.toSeconds(policy.initialDelay());
		double max = RetryPolicy.toSeconds(policy.maxDelay());
		return switch (policy.strategy()) {
			case FIXED -> RetryPolicyWait.newBuilder()
				.setFixed(RetryPolicyFixedWait.newBuilder().setDelay(RetryPolicy.toSeconds(policy.delay())))
				.build();
			case EXPONENTIAL -> RetryPolicyWait.newBuilder()
				.setExponential(RetryPolicyExponentialWait.newBuilder()
					.setInitialDelay(initial)
					.setMultiplier(policy.multiplier())
					.setMaxDelay(max))
				.build();
			case EXPONENTIAL_JITTER -> RetryPolicyWait.newBuilder()
				.setExponentialJitter(RetryPolicyExponentialJitterWait.newBuilder()
					.setInitialDelay(initial)
					.setMultiplier(policy.multiplier())
					.setMaxDelay(max))
				.build();
		};
	}

}
