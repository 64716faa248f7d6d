package io.azolla.spring.retry;

import java.time.Duration;
import java.util.List;

import io.azolla.proto.common.RetryPolicyWait;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryPolicyTests {

	@Test
	void defaultsRetryAnyErrorButTheNonRetryableTypes() {
		RetryPolicy policy = RetryPolicy.defaults();

		assertThat(policy.maxAttempts()).hasValue(5);
		assertThat(policy.maxElapsed()).isEmpty();
		assertThat(policy.strategy()).isEqualTo(BackoffStrategy.EXPONENTIAL_JITTER);
		assertThat(policy.retries("ValueError")).isTrue();
		assertThat(policy.retries("SomethingUnheardOf")).isTrue();
		assertThat(policy.retries("TaskValidationError")).isFalse();
		assertThat(policy.retries("ValidationError")).isFalse();
		assertThat(policy.retries("InvalidArguments")).isFalse();
		assertThat(policy.retries("TaskNotFound")).isFalse();
	}

	@Test
	void typeMatchingFollowsTheOrchestrator() {
		RetryPolicy listed = RetryPolicy.builder().includeErrors("IOError").excludeErrors().build();
		RetryPolicy excludedWins = RetryPolicy.builder().includeErrors("TaskError", "IOError").excludeErrors("IOError").build();
		RetryPolicy nothing = RetryPolicy.builder().includeErrors(List.of()).excludeErrors().build();

		assertThat(listed.retries("IOError")).isTrue();
		assertThat(listed.retries("ValueError")).isFalse();
		assertThat(excludedWins.retries("IOError")).isFalse();
		assertThat(excludedWins.retries("ValueError")).isTrue();
		assertThat(nothing.retries("TaskError")).isFalse();
	}

	@Test
	void exponentialDelayAfterTheFirstFailureIsInitialTimesMultiplier() {
		RetryPolicy policy = RetryPolicy.exponential()
			.initialDelay(Duration.ofSeconds(1))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(10))
			.build();

		assertThat(policy.delayAfter(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delayAfter(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(4));
		assertThat(policy.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(8));
		assertThat(policy.delayAfter(4, () -> 0.5)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void jitterDrawsBelowTheExponentialDelay() {
		RetryPolicy policy = RetryPolicy.exponentialJitter().initialDelay(Duration.ofSeconds(1)).multiplier(2).build();

		assertThat(policy.delayAfter(2, () -> 0.25)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delayAfter(2, () -> 0.0)).isEqualTo(RetryPolicy.MIN_DELAY);
	}

	@Test
	void fixedDelayIsConstantAndNeverBelowTenMilliseconds() {
		assertThat(RetryPolicy.fixed(Duration.ofMillis(300)).build().delayAfter(7, () -> 0)).isEqualTo(Duration.ofMillis(300));
		assertThat(RetryPolicy.fixed(Duration.ZERO).build().delayAfter(1, () -> 0)).isEqualTo(Duration.ofMillis(10));
	}

	@Test
	void attemptAndTimeLimitsCountLikeTheOrchestrator() {
		RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).maxElapsed(Duration.ofSeconds(2)).build();

		assertThat(policy.attemptsExhausted(2)).isFalse();
		assertThat(policy.attemptsExhausted(3)).isTrue();
		assertThat(policy.elapsedExhausted(Duration.ofMillis(1999))).isFalse();
		assertThat(policy.elapsedExhausted(Duration.ofMillis(2000))).isTrue();
		assertThat(RetryPolicy.builder().unlimitedAttempts().build().attemptsExhausted(Integer.MAX_VALUE)).isFalse();
	}

	@Test
	void invalidValuesAreRejectedNamingTheField() {
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
			.withMessageContaining("max-attempts must be at least 1")
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("max-attempts"));
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.exponential().multiplier(0.5).build())
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("backoff.multiplier"));
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.exponential().multiplier(Double.NaN).build())
			.withMessageContaining("finite");
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.exponential().multiplier(Double.POSITIVE_INFINITY).build());
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofSeconds(-1)).build())
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("backoff.initial-delay"));
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofSeconds(20_000_000_000L)).build())
			.withMessageContaining("at most 1000000000 seconds");
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.builder().maxElapsed(Duration.ofSeconds(-5)).build())
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("max-elapsed"));
		assertThatExceptionOfType(InvalidRetryPolicyException.class)
			.isThrownBy(() -> RetryPolicy.builder().includeErrors("ok", " ").build())
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("include-errors"));
	}

	@Test
	void fixedStrategyIgnoresTheMultiplier() {
		assertThat(RetryPolicy.fixed(Duration.ofSeconds(1)).multiplier(0).build().strategy()).isEqualTo(BackoffStrategy.FIXED);
	}

	@Test
	void toBuilderMakesAnEqualCopy() {
		RetryPolicy policy = RetryPolicy.exponential().maxAttempts(9).maxElapsed(Duration.ofMinutes(3)).build();

		assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
		assertThat(policy.toBuilder().maxAttempts(2).build()).isNotEqualTo(policy);
	}

	@Test
	void protoAlwaysCarriesVersionStopWaitAndRetry() {
		io.azolla.proto.common.RetryPolicy wire = RetryPolicyProtos.toProto(RetryPolicy.none());

		assertThat(wire.getVersion()).isEqualTo(1);
		assertThat(wire.hasStop()).isTrue();
		assertThat(wire.getStop().getMaxAttempts()).isEqualTo(1);
		assertThat(wire.hasWait()).isTrue();
		assertThat(wire.hasRetry()).isTrue();
	}

	@Test
	void protoOmitsMaxAttemptsOnlyForUnlimitedAttempts() {
		io.azolla.proto.common.RetryPolicy wire = RetryPolicyProtos
			.toProto(RetryPolicy.builder().unlimitedAttempts().maxElapsed(Duration.ofMillis(1500)).build());

		assertThat(wire.hasStop()).isTrue();
		assertThat(wire.getStop().hasMaxAttempts()).isFalse();
		assertThat(wire.getStop().getMaxDelay()).isEqualTo(1.5);
	}

	@Test
	void protoWaitKindFollowsTheStrategyAndAlwaysSetsTheMultiplier() {
		RetryPolicyWait exponential = RetryPolicyProtos
			.toProto(RetryPolicy.exponential().initialDelay(Duration.ofMillis(500)).multiplier(3).maxDelay(Duration.ofSeconds(9)).build())
			.getWait();
		RetryPolicyWait fixed = RetryPolicyProtos.toProto(RetryPolicy.fixed(Duration.ofMillis(20)).build()).getWait();

		assertThat(exponential.getKindCase()).isEqualTo(RetryPolicyWait.KindCase.EXPONENTIAL);
		assertThat(exponential.getExponential().getInitialDelay()).isEqualTo(0.5);
		assertThat(exponential.getExponential().getMultiplier()).isEqualTo(3.0);
		assertThat(exponential.getExponential().getMaxDelay()).isEqualTo(9.0);
		assertThat(fixed.getKindCase()).isEqualTo(RetryPolicyWait.KindCase.FIXED);
		assertThat(fixed.getFixed().getDelay()).isEqualTo(0.02);
	}

	@Test
	void transportRetryBackoffGrowsAndIsCapped() {
		TransportRetry retry = new TransportRetry(5, Duration.ofMillis(100), 2.0, Duration.ofMillis(300));

		assertThat(retry.backoff(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(retry.backoff(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(retry.backoff(3)).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void transportRetryRepeatsOnlyWhatThePredicateAccepts() {
		TransportRetry retry = new TransportRetry(3, Duration.ofMillis(1), 1.0, Duration.ofMillis(1));
		int[] calls = { 0 };

		String value = retry.execute(() -> {
			if (++calls[0] < 3) {
				throw new IllegalStateException("refused");
			}
			return "ok";
		}, IllegalStateException.class::isInstance);

		assertThat(value).isEqualTo("ok");
		assertThat(calls[0]).isEqualTo(3);
		calls[0] = 0;
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> retry.execute(() -> {
			calls[0]++;
			throw new IllegalArgumentException("not transient");
		}, IllegalStateException.class::isInstance));
		assertThat(calls[0]).isEqualTo(1);
	}

}
