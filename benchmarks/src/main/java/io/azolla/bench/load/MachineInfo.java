package io.azolla.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Optional;

/**
 * Describes the machine a benchmark ran on, because figures mean little without it.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	static String describe() {
		return String.format(Locale.ROOT, "%d CPUs (%s), %s memory, %s %s, %s (kernel %s)",
				Runtime.getRuntime().availableProcessors(),
				firstValue(Paths.get("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
				firstValue(Paths.get("/proc/meminfo"), "MemTotal").orElse("unknown"),
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				firstValue(Paths.get("/etc/os-release"), "PRETTY_NAME").map((name) -> name.replace("\"", ""))
					.orElse(System.getProperty("os.name")),
				System.getProperty("os.version"));
	}

	private static Optional<String> firstValue(Path file, String key) {
		try {
			return Files.readAllLines(file)
				.stream()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf((line.contains(":")) ? ':' : '=') + 1).trim())
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
