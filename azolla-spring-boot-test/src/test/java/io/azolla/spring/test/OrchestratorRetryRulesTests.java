package io.azolla.spring.test;

import java.time.Duration;

import io.azolla.proto.common.RetryPolicy;
import io.azolla.proto.common.RetryPolicyExponentialJitterWait;
import io.azolla.proto.common.RetryPolicyExponentialWait;
import io.azolla.proto.common.RetryPolicyFixedWait;
import io.azolla.proto.common.RetryPolicyRetry;
import io.azolla.proto.common.RetryPolicyStop;
import io.azolla.proto.common.RetryPolicyWait;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The parts of the orchestrator's retry rules the shared behaviour cases cannot reach through
 * the wire in reasonable time: the presence rules' corners, non-finite values and the waits.
 */
class OrchestratorRetryRulesTests {

	@Test
	void anAbsentPolicyIsTheOrchestratorsDefault() {
		OrchestratorRetryRules rules = OrchestratorRetryRules.fromRequest(null);

		assertThat(rules).isEqualTo(OrchestratorRetryRules.DEFAULT);
		assertThat(rules.retries("ValueError")).isTrue();
		assertThat(rules.retries("TaskError")).isFalse();
		assertThat(rules.stopsAfter(4, Duration.ZERO)).isFalse();
		assertThat(rules.stopsAfter(5, Duration.ZERO)).isTrue();
	}

	@Test
	void theVersionIsNarrowedToEightBitsBeforeTheCheck() {
		assertThat(OrchestratorRetryRules.fromRequest(policy().setVersion(257).build()).kind())
			.isEqualTo(OrchestratorRetryRules.Kind.FIXED);
		assertThatIllegalArgumentException().isThrownBy(() -> OrchestratorRetryRules.fromRequest(policy().setVersion(2).build()))
			.withMessage("Unsupported retry policy version");
	}

	@Test
	void aNonFiniteWaitPassesValidationButTheDefaultPolicyIsAppliedOnFailure() {
		RetryPolicy nan = policy().setWait(RetryPolicyWait.newBuilder()
			.setExponential(RetryPolicyExponentialWait.newBuilder().setInitialDelay(1).setMultiplier(Double.NaN).setMaxDelay(5)))
			.build();

		OrchestratorRetryRules rules = OrchestratorRetryRules.fromRequest(nan);

		assertThat(rules.asStored()).isEqualTo(OrchestratorRetryRules.DEFAULT);
	}

	@Test
	void aNonFiniteElapsedLimitMeansNoLimit() {
		RetryPolicy infinite = policy().setStop(RetryPolicyStop.newBuilder().setMaxAttempts(3).setMaxDelay(Double.POSITIVE_INFINITY))
			.build();

		OrchestratorRetryRules rules = OrchestratorRetryRules.fromRequest(infinite).asStored();

		assertThat(rules.maxElapsedSeconds()).isNull();
		assertThat(rules.maxAttempts()).isEqualTo(3);
	}

	@Test
	void theElapsedLimitCountsWholeSeconds() {
		OrchestratorRetryRules rules = OrchestratorRetryRules
			.fromRequest(policy().setStop(RetryPolicyStop.newBuilder().setMaxDelay(2)).build());

		assertThat(rules.maxAttempts()).as("stop without max_attempts").isNull();
		assertThat(rules.stopsAfter(100, Duration.ofMillis(1_999))).isFalse();
		assertThat(rules.stopsAfter(1, Duration.ofMillis(2_000))).isTrue();
	}

	@Test
	void exponentialWaitsAreInitialTimesMultiplierToTheAttemptsMadeCappedAtTheMaximum() {
		OrchestratorRetryRules rules = OrchestratorRetryRules.fromRequest(policy().setWait(RetryPolicyWait.newBuilder()
			.setExponential(RetryPolicyExponentialWait.newBuilder().setInitialDelay(1).setMultiplier(2).setMaxDelay(5)))
			.build());

		assertThat(rules.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(rules.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
		assertThat(rules.delayAfter(3)).isEqualTo(Duration.ofSeconds(5));
	}

	@RepeatedTest(20)
	void jitteredWaitsAreDrawnBelowTheExponentialWait() {
		OrchestratorRetryRules rules = OrchestratorRetryRules.fromRequest(policy().setWait(RetryPolicyWait.newBuilder()
			.setExponentialJitter(RetryPolicyExponentialJitterWait.newBuilder().setInitialDelay(1).setMultiplier(2).setMaxDelay(300)))
			.build());

		assertThat(rules.delayAfter(2)).isBetween(Duration.ofMillis(10), Duration.ofSeconds(4));
	}

	@Test
	void noWaitIsShorterThanTenMilliseconds() {
		assertThat(OrchestratorRetryRules.fromRequest(policy().build()).delayAfter(1)).isEqualTo(Duration.ofMillis(10));
	}

	@Test
	void exclusionWinsAndTaskErrorStandsForAnyType() {
		OrchestratorRetryRules rules = OrchestratorRetryRules.fromRequest(policy()
			.setRetry(RetryPolicyRetry.newBuilder().addIncludeErrors("TaskError").addExcludeErrors("Fatal"))
			.build());

		assertThat(rules.retries("Anything")).isTrue();
		assertThat(rules.retries("Fatal")).isFalse();
	}

	private static RetryPolicy.Builder policy() {
		return RetryPolicy.newBuilder()
			.setVersion(1)
			.setStop(RetryPolicyStop.newBuilder().setMaxAttempts(5))
			.setWait(RetryPolicyWait.newBuilder().setFixed(RetryPolicyFixedWait.newBuilder().setDelay(0)))
			.setRetry(RetryPolicyRetry.newBuilder().addIncludeErrors("TaskError"));
	}

}
