package io.azolla.spring.test;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads task and shepherd ids the way the orchestrator's uuid parser does: the hyphenated
 * form, 32 hex digits without hyphens, either of them in braces, and the {@code urn:uuid:}
 * form, in any letter case.
 */
final class TaskIds {

	private static final Pattern HYPHENATED = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");

	private TaskIds() {
	}

	/**
	 * Returns the id in lowercase hyphenated form, or empty when it is not a uuid.
	 */
	static Optional<String> parse(String text) {
		String candidate = text;
		if (candidate.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
			candidate = candidate.substring(9);
		}
		else if (candidate.startsWith("{") && candidate.endsWith("}") && candidate.length() > 2) {
			candidate = candidate.substring(1, candidate.length() - 1);
		}
		if (HYPHENATED.matcher(candidate).matches()) {
			return Optional.of(candidate.toLowerCase(Locale.ROOT));
		}
		if (SIMPLE.matcher(candidate).matches()) {
			String lower = candidate.toLowerCase(Locale.ROOT);
			return Optional.of(lower.substring(0, 8) + "-" + lower.substring(8, 12) + "-" + lower.substring(12, 16) + "-"
					+ lower.substring(16, 20) + "-" + lower.substring(20));
		}
		return Optional.empty();
	}

	static String describeInvalid(String text) {
		return "invalid uuid: '" + text + "'";
	}

}
