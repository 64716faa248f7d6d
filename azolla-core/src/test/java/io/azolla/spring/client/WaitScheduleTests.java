package io.azolla.spring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WaitScheduleTests {

	@Test
	void gapsBetweenProbesGrowByTheFactor() {
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(2), 1.5, Duration.ofSeconds(1), 10, 10);

		assertThat(schedule.nanosBeforeProbe(0)).isEqualTo(2_000_000);
		assertThat(schedule.nanosBeforeProbe(1)).isEqualTo(3_000_000);
		assertThat(schedule.nanosBeforeProbe(2)).isEqualTo(4_500_000);
		assertThat(schedule.nanosBeforeProbe(10_000)).isPositive();
	}

	@Test
	void scheduleWithoutRateOrPhaseSendsNoProbes() {
		assertThat(WaitSchedule.defaults().probes()).isTrue();
		assertThat(WaitSchedule.longPollOnly().probes()).isFalse();
		assertThat(new WaitSchedule(Duration.ZERO, 1.0, Duration.ZERO, 100, 10).probes()).isFalse();
		assertThat(new WaitSchedule(Duration.ZERO, 1.0, Duration.ofSeconds(1), 0, 10).probes()).isFalse();
		assertThat(new WaitSchedule(Duration.ZERO, 1.0, Duration.ofSeconds(1), 10, 0).probes()).isFalse();
	}

	@Test
	void defaultsRememberLongTasksAndLongPollingAloneDoesNot() {
		assertThat(WaitSchedule.defaults().rememberLongTasks()).isTrue();
		assertThat(new WaitSchedule(Duration.ofMillis(2), 1.5, Duration.ofSeconds(1), 10, 10).rememberLongTasks())
			.isTrue();
		assertThat(WaitSchedule.longPollOnly().rememberLongTasks()).isFalse();
	}

	@Test
	void nonsensicalValuesAreRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WaitSchedule(Duration.ofMillis(-1), 1.5, Duration.ofSeconds(1), 10, 10))
			.withMessageContaining("firstProbe");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WaitSchedule(Duration.ZERO, 0.5, Duration.ofSeconds(1), 10, 10))
			.withMessageContaining("probeGrowth");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WaitSchedule(Duration.ZERO, Double.NaN, Duration.ofSeconds(1), 10, 10))
			.withMessageContaining("probeGrowth");
		assertThatIllegalArgumentException().isThrownBy(() -> new WaitSchedule(Duration.ZERO, 1.5, null, 10, 10))
			.withMessageContaining("probePhase");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WaitSchedule(Duration.ZERO, 1.5, Duration.ofSeconds(1), -1, 10))
			.withMessageContaining("maxProbeRate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WaitSchedule(Duration.ZERO, 1.5, Duration.ofSeconds(1), 10, -1))
			.withMessageContaining("maxOpenWaits");
	}

}
