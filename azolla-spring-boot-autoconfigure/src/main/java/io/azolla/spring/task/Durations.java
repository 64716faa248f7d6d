package io.azolla.spring.task;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration texts of {@link AzollaTask#timeout()} and of the task client
 * annotations' wait timeouts: ISO-8601 ({@code PT5M}), a number
 * with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}), or a plain number
 * of milliseconds, the same forms Spring Boot accepts in properties.
 */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("^([+]?\\d+)([a-z]*)$");

	private static final Map<String, ChronoUnit> UNITS = Map.of("ns", ChronoUnit.NANOS, "us", ChronoUnit.MICROS,
			"ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d",
			ChronoUnit.DAYS, "", ChronoUnit.MILLIS);

	private Durations() {
	}

	/**
	 * Parses a duration text.
	 * @param text the text, trimmed before parsing
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a duration
	 */
	public static Duration parse(String text) {
		String trimmed = text.trim();
		Matcher simple = SIMPLE.matcher(trimmed.toLowerCase(Locale.ROOT));
		if (simple.matches()) {
			ChronoUnit unit = UNITS.get(simple.group(2));
			if (unit == null) {
				throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + simple.group(2)
						+ "' (use ns, us, ms, s, m, h or d)");
			}
			return Duration.of(Long.parseLong(simple.group(1)), unit);
		}
		try {
			return Duration.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 500ms or PT5M", ex);
		}
	}

}
