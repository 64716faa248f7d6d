package io.azolla.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Command-line options of the form {@code --name value} or {@code --name=value}. Unknown names
 * are refused, so a typo cannot silently run a different benchmark than the one asked for.
 */
final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	private Options() {
	}

	/**
	 * Parses a tool's options, or prints what is wrong with its usage and exits with status 2.
	 */
	static Options parseOrExit(String[] args, Set<String> known, String tool, Supplier<String> usage) {
		try {
			return parse(args, known);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(tool + ": " + ex.getMessage());
			System.err.println(usage.get());
			System.exit(2);
			throw ex;
		}
	}

	static Options parse(String[] args, Set<String> known) {
		Options options = new Options();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			String name;
			String value;
			int equals = arg.indexOf('=');
			if (equals > 0) {
				name = arg.substring(2, equals);
				value = arg.substring(equals + 1);
			}
			else {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("option --" + arg.substring(2) + " needs a value");
				}
				name = arg.substring(2);
				value = args[++i];
			}
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "; known: --" + String.join(", --", known));
			}
			options.values.put(name, value);
		}
		return options;
	}

	String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback, int min) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		int number;
		try {
			number = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number (was " + value + ")");
		}
		if (number < min) {
			throw new IllegalArgumentException("--" + name + " must be at least " + min + " (was " + value + ")");
		}
		return number;
	}

	double decimal(String name, double fallback) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number (was " + value + ")");
		}
	}

	Duration duration(String name, Duration fallback) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		// Plain seconds keep the command lines in docs short; ISO-8601 also works.
		return value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
	}

}
