package io.azolla.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Describes the machine a benchmark ran on, because figures mean little without it.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	/**
	 * Starts a driver's Markdown report: its title with the time, the machine, any extra
	 * lines, the load average around the run and the options it was given.
	 */
	static StringBuilder reportHeader(String title, String[] args, String loadBefore, String loadAfter,
			String... extraLines) {
		StringBuilder md = new StringBuilder();
		md.append("## ").append(title).append(", ").append(Instant.now().toString(), 0, 16).append(" UTC\n\n");
		md.append("Machine: ").append(describe()).append("  \n");
		for (String line : extraLines) {
			md.append(line).append("  \n");
		}
		md.append("Load average before: ").append(loadBefore).append("; after: ").append(loadAfter).append("  \n");
		md.append("Driver options: `").append(String.join(" ", args)).append("`\n\n");
		return md;
	}

	/**
	 * Writes a driver's report to its file and prints it.
	 */
	static void publish(Path file, String report) throws IOException {
		Files.writeString(file, report);
		System.out.println();
		System.out.println(report);
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
