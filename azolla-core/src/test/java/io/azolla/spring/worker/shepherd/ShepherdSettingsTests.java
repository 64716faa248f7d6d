package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ShepherdSettings}.
 */
class ShepherdSettingsTests {

	@Test
	void aBuilderStartsFromTheStartersDefaults() {
		ShepherdSettings settings = ShepherdSettings.builder("payments").build();
		assertThat(settings).isEqualTo(new ShepherdSettings("payments", "default", 16, Duration.ofSeconds(5),
				Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, Duration.ofSeconds(25), Duration.ofMinutes(5),
				Map.of()));
	}

	@Test
	void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
		ShepherdSettings original = new ShepherdSettings("d", "g", 3, Duration.ofSeconds(7), Duration.ofMillis(100),
				Duration.ofSeconds(9), 1.5, Duration.ofSeconds(11), null, Map.of("slow", Duration.ofMinutes(2)));
		assertThat(original.toBuilder().build()).isEqualTo(original);
		ShepherdSettings changed = original.toBuilder().maxConcurrency(4).build();
		assertThat(changed.maxConcurrency()).isEqualTo(4);
		assertThat(changed.taskTimeouts()).containsEntry("slow", Duration.ofMinutes(2));
		assertThat(changed.taskTimeout()).isNull();
	}

	@Test
	void aBadValueIsReportedWithThePropertyThatSetsIt() {
		assertThatExceptionOfType(ShepherdSettings.InvalidSettingException.class)
			.isThrownBy(() -> ShepherdSettings.builder("d").maxConcurrency(0).build())
			.satisfies((ex) -> {
				assertThat(ex.property()).isEqualTo("azolla.worker.max-concurrency");
				assertThat(ex.value()).isEqualTo(0);
				assertThat(ex.reason()).isEqualTo("must be at least 1");
			})
			.withMessage("azolla.worker.max-concurrency must be at least 1, not 0");
		assertThatExceptionOfType(ShepherdSettings.InvalidSettingException.class)
			.isThrownBy(() -> ShepherdSettings.builder("d").statusInterval(Duration.ofMinutes(5)).build())
			.withMessageContaining("azolla.worker.status-interval")
			.withMessageContaining("at most 60 s");
		assertThatExceptionOfType(ShepherdSettings.InvalidSettingException.class)
			.isThrownBy(() -> ShepherdSettings.builder("d")
				.reconnect(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0)
				.build())
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("azolla.worker.reconnect.max"));
		assertThatExceptionOfType(ShepherdSettings.InvalidSettingException.class)
			.isThrownBy(() -> ShepherdSettings.builder("d")
				.reconnect(Duration.ofSeconds(1), Duration.ofSeconds(2), Double.NaN)
				.build())
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("azolla.worker.reconnect.multiplier"));
		assertThatExceptionOfType(ShepherdSettings.InvalidSettingException.class)
			.isThrownBy(() -> ShepherdSettings.builder("d").shutdownTimeout(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("azolla.worker.shutdown-timeout"));
		assertThatExceptionOfType(ShepherdSettings.InvalidSettingException.class)
			.isThrownBy(() -> ShepherdSettings.builder("d").taskTimeouts(Map.of("slow", Duration.ZERO)).build())
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("azolla.tasks.slow.timeout"));
	}

}
