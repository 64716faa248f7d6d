package io.azolla.spring.task;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the duration texts of {@link AzollaTask#timeout()} and of the task client
 * annotations' wait timeouts. It accepts the forms a Spring Boot duration property accepts, so
 * an annotation and a property read alike: ISO-8601 ({@code PT5M}), a whole number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, any case), or a plain number
 * of milliseconds. It has no Spring Boot dependency, so the task model works in a plain Spring
 * application.
 */
public final class Durations {

	private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("^[+-]?\\d+([a-zA-Z]+)$");

	private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");

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
		try {
			Duration parsed = parseOrNull(trimmed);
			if (parsed != null) {
				return parsed;
			}
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new IllegalArgumentException(problem(text, trimmed), ex);
		}
		throw new IllegalArgumentException(problem(text, trimmed));
	}

	private static @Nullable Duration parseOrNull(String trimmed) {
		Matcher simple = SIMPLE.matcher(trimmed);
		if (simple.matches()) {
			ChronoUnit unit = unit(simple.group(2));
			return (unit != null) ? Duration.of(Long.parseLong(simple.group(1)), unit) : null;
		}
		String upper = trimmed.toUpperCase(Locale.ROOT);
		if (upper.startsWith("P") || upper.startsWith("-P") || upper.startsWith("+P")) {
			return Duration.parse(trimmed);
		}
		return null;
	}

	private static @Nullable ChronoUnit unit(String suffix) {
		return switch (suffix.toLowerCase(Locale.ROOT)) {
			case "", "ms" -> ChronoUnit.MILLIS;
			case "ns" -> ChronoUnit.NANOS;
			case "us" -> ChronoUnit.MICROS;
			case "s" -> ChronoUnit.SECONDS;
			case "m" -> ChronoUnit.MINUTES;
			case "h" -> ChronoUnit.HOURS;
			case "d" -> ChronoUnit.DAYS;
			default -> null;
		};
	}

	private static String problem(String text, String trimmed) {
		Matcher withUnit = NUMBER_WITH_UNIT.matcher(trimmed);
		if (withUnit.matches()) {
			return "'" + text + "' has an unknown unit '" + withUnit.group(1) + "' (use ns, us, ms, s, m, h or d)";
		}
		return "'" + text + "' is not a duration such as 30s, 500ms or PT5M";
	}

}
