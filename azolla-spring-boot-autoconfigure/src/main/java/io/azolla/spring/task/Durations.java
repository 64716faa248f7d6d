package io.azolla.spring.task;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * Parses the duration texts of {@link AzollaTask#timeout()} and of the task client
 * annotations' wait timeouts with Spring Boot's {@link DurationStyle}, so an annotation accepts
 * exactly what a property does: ISO-8601 ({@code PT5M}), a number with a unit ({@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, any case), or a plain number of milliseconds.
 * Only the error messages are Azolla's, to say what is wrong and what would be right.
 */
public final class Durations {

	private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("^[+-]?\\d+([a-zA-Z]+)$");

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
			return DurationStyle.detectAndParse(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(problem(text, trimmed), ex);
		}
	}

	private static String problem(String text, String trimmed) {
		Matcher withUnit = NUMBER_WITH_UNIT.matcher(trimmed);
		if (withUnit.matches()) {
			return "'" + text + "' has an unknown unit '" + withUnit.group(1) + "' (use ns, us, ms, s, m, h or d)";
		}
		return "'" + text + "' is not a duration such as 30s, 500ms or PT5M";
	}

}
