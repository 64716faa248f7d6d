package io.azolla.spring.task;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Durations}.
 */
class DurationsTests {

	@Test
	void numbersWithUnitsAreParsed() {
		assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(Durations.parse("2H")).isEqualTo(Duration.ofHours(2));
		assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void plainNumberMeansMilliseconds() {
		assertThat(Durations.parse(" 250 ")).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void isoTextIsParsed() {
		assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void theGrammarIsSpringBootsForProperties() {
		for (String text : new String[] { "500ms", "30s", "5M", "2h", "1d", "250", "+7s", "PT1H30M", "-PT1S", "-5s" }) {
			assertThat(Durations.parse(text)).as(text).isEqualTo(DurationStyle.detectAndParse(text));
		}
		assertThat(Durations.parse("-5s")).as("negative values parse; the registrar rejects them")
			.isEqualTo(Duration.ofSeconds(-5));
	}

	@Test
	void unknownUnitIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("3x"))
			.withMessage("'3x' has an unknown unit 'x' (use ns, us, ms, s, m, h or d)");
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("3sec"))
			.withMessage("'3sec' has an unknown unit 'sec' (use ns, us, ms, s, m, h or d)");
	}

	@Test
	void textThatIsNoDurationIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("soon"))
			.withMessage("'soon' is not a duration such as 30s, 500ms or PT5M");
	}

}
