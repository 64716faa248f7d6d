package io.azolla.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of processes and of the whole machine, read from {@code /proc}, so a benchmark can
 * say which process used the cores during a measured phase. Linux only; elsewhere every figure
 * is empty.
 */
final class ProcessCpu {

	/** Clock ticks per second of {@code /proc} figures; 100 on every common Linux build. */
	private static final double TICKS = 100.0;

	private ProcessCpu() {
	}

	/**
	 * Returns the user + system CPU seconds a process has used, or empty when it is gone.
	 */
	static Optional<Double> seconds(long pid) {
		try {
			String stat = Files.readString(Paths.get("/proc", String.valueOf(pid), "stat"));
			// The command name may contain spaces; the fields after it are fixed.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns the CPU seconds used so far by every process whose command is the given program
	 * (for example all PostgreSQL server processes), by pid.
	 */
	static Map<Long, Double> secondsOfProgram(String program) {
		Map<Long, Double> all = new HashMap<>();
		ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/" + program)).orElse(false))
			.forEach((process) -> seconds(process.pid()).ifPresent((seconds) -> all.put(process.pid(), seconds)));
		return all;
	}

	/**
	 * Returns the machine's busy and total CPU seconds over all cores so far (from
	 * {@code /proc/stat}; idle and I/O wait count as not busy).
	 */
	static double[] machine() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
			String[] fields = lines.get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < Math.min(fields.length, 9); i++) {
				total += Long.parseLong(fields[i]);
			}
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			return new double[] { (total - idle) / TICKS, total / TICKS };
		}
		catch (IOException | RuntimeException ex) {
			return new double[] { 0, 0 };
		}
	}

}
