package io.azolla.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads from {@code /proc} how much CPU time each process of a benchmark run has used, so a
 * run can say where the machine's time went: the orchestrator, the PostgreSQL backends serving
 * the run's database, PostgreSQL's background processes, each shepherd, the load tool, and
 * everything else on the machine (other users of the shared cores included).
 * <p>
 * A {@link Snapshot} is taken when the load tool starts its measured phase and another when it
 * ends; {@link #between} gives the CPU seconds each process group used in between. For the
 * Java processes it also splits the time by thread name (digits stripped, so a pool counts
 * as one), which shows the JVM's own threads (JIT, GC) next to gRPC's and the starter's.
 * Times are in clock ticks of {@code CLK_TCK} = 100 per second (Linux's fixed user-space
 * value); a process that exits between two snapshots loses what it used since the first,
 * except children a shepherd waited for, whose time is added to the shepherd.
 */
final class CpuAccount {

	static final String ORCHESTRATOR = "orchestrator";

	static final String PG_BENCH = "postgres: backends of the run's database";

	static final String PG_BACKGROUND = "postgres: WAL writer, checkpointer, other background";

	static final String PG_OTHER_DATABASES = "postgres: backends of other databases";

	static final String LOAD_TOOL = "load tool";

	static final String REST = "rest of the machine (other users, kernel threads)";

	private static final double TICKS_PER_SECOND = 100;

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private final String database;

	private final Map<String, Long> processes = new LinkedHashMap<>();

	private final Map<String, Boolean> javaProcesses = new LinkedHashMap<>();

	/**
	 * @param database the run's PostgreSQL database, whose backends are counted apart
	 */
	CpuAccount(String database) {
		this.database = database;
	}

	/**
	 * Names a process to count, with its children that it has waited for.
	 * @param name the group name in reports
	 * @param pid the process id
	 * @param java whether to split its time by thread name
	 */
	synchronized void track(String name, long pid, boolean java) {
		this.processes.put(name, pid);
		this.javaProcesses.put(name, java);
	}

	synchronized void untrack(String name) {
		this.processes.remove(name);
		this.javaProcesses.remove(name);
	}

	/**
	 * Reads the counters now.
	 * @return the snapshot
	 */
	synchronized Snapshot take() {
		long wall = System.nanoTime();
		Map<String, Long> groups = new LinkedHashMap<>();
		Map<String, Map<String, Long>> threads = new LinkedHashMap<>();
		for (Map.Entry<String, Long> process : this.processes.entrySet()) {
			long[] stat = stat(Paths.get("/proc", String.valueOf(process.getValue()), "stat"));
			if (stat != null) {
				groups.put(process.getKey(), stat[0] + stat[1] + stat[2] + stat[3]);
			}
			if (this.javaProcesses.get(process.getKey())) {
				threads.put(process.getKey(), threads(process.getValue()));
			}
		}
		postgres(groups);
		return new Snapshot(wall, groups, threads, machineTicks());
	}

	/**
	 * The CPU each group used between two snapshots.
	 * @param before the earlier snapshot
	 * @param after the later snapshot
	 * @return the usage
	 */
	static Usage between(Snapshot before, Snapshot after) {
		double wall = (after.wallNanos - before.wallNanos) / 1e9;
		Map<String, Double> seconds = new LinkedHashMap<>();
		double counted = 0;
		for (Map.Entry<String, Long> group : after.groups.entrySet()) {
			double used = (group.getValue() - before.groups.getOrDefault(group.getKey(), 0L)) / TICKS_PER_SECOND;
			seconds.put(group.getKey(), used);
			counted += used;
		}
		double busy = (after.machine[0] - before.machine[0]) / TICKS_PER_SECOND;
		double capacity = (after.machine[1] - before.machine[1]) / TICKS_PER_SECOND;
		seconds.put(REST, Math.max(0, busy - counted));
		Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
		for (Map.Entry<String, Map<String, Long>> process : after.threads.entrySet()) {
			Map<String, Long> earlier = before.threads.getOrDefault(process.getKey(), Map.of());
			Map<String, Double> byName = new TreeMap<>();
			process.getValue()
				.forEach((name, ticks) -> byName.put(name, (ticks - earlier.getOrDefault(name, 0L)) / TICKS_PER_SECOND));
			threads.put(process.getKey(), byName);
		}
		return new Usage(wall, busy, capacity, seconds, threads);
	}

	/**
	 * Returns the CPU seconds of this process's children that it has waited for, such as a
	 * tool that has exited.
	 */
	static double waitedChildrenSeconds() {
		long[] stat = stat(Paths.get("/proc/self/stat"));
		return (stat != null) ? (stat[2] + stat[3]) / TICKS_PER_SECOND : 0;
	}

	/**
	 * Returns a copy of the usage with a process group's seconds set, taken out of
	 * {@link #REST}: for a process that exited before the second snapshot.
	 */
	static Usage attribute(Usage usage, String group, double seconds) {
		Map<String, Double> adjusted = new LinkedHashMap<>(usage.seconds());
		adjusted.put(group, seconds);
		adjusted.put(REST, Math.max(0, adjusted.getOrDefault(REST, 0.0) - seconds));
		return new Usage(usage.wallSeconds(), usage.busySeconds(), usage.capacitySeconds(), adjusted, usage.threads());
	}

	/**
	 * Sums the PostgreSQL processes: backends of the run's database, other backends, and the
	 * background processes (a backend's title names its database, a background process's
	 * does not).
	 */
	private void postgres(Map<String, Long> groups) {
		long bench = 0;
		long background = 0;
		long others = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
			for (Path entry : entries) {
				String title = commandLine(entry);
				if (title == null || !(title.startsWith("postgres") || title.contains("/bin/postgres "))) {
					continue;
				}
				long[] stat = stat(entry.resolve("stat"));
				if (stat == null) {
					continue;
				}
				long ticks = stat[0] + stat[1];
				if (title.contains(" " + this.database + " ")) {
					bench += ticks;
				}
				else if (isBackend(title)) {
					others += ticks;
				}
				else {
					background += ticks;
				}
			}
		}
		catch (IOException ex) {
			// No /proc: leave PostgreSQL out.
			return;
		}
		groups.put(PG_BENCH, bench);
		groups.put(PG_BACKGROUND, background);
		groups.put(PG_OTHER_DATABASES, others);
	}

	/**
	 * A backend's title is {@code postgres: [cluster: ]user database host(port) state} (the
	 * cluster name when {@code cluster_name} is set, as on Debian).
	 */
	static boolean isBackend(String title) {
		return title.matches("postgres: (\\S+: )?\\S+ \\S+ (\\S+\\(\\d+\\)|\\[local\\]).*");
	}

	private static Map<String, Long> threads(long pid) {
		Map<String, Long> byName = new TreeMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks) {
				String content = read(task.resolve("stat"));
				if (content == null) {
					continue;
				}
				String name = DIGITS.matcher(content.substring(content.indexOf('(') + 1, content.lastIndexOf(')')))
					.replaceAll("N");
				long[] stat = parse(content);
				byName.merge(name, stat[0] + stat[1], Long::sum);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
		return byName;
	}

	/** Returns utime, stime, cutime, cstime in ticks, or null if the process is gone. */
	private static long[] stat(Path file) {
		String content = read(file);
		return (content != null) ? parse(content) : null;
	}

	static long[] parse(String content) {
		// Fields after the command name, which may hold spaces and parentheses: state is
		// field 3, utime 14, stime 15, cutime 16, cstime 17.
		String[] fields = content.substring(content.lastIndexOf(')') + 2).trim().split(" ");
		return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
				Long.parseLong(fields[14]) };
	}

	/** Returns busy and total ticks of all CPUs together. */
	private static long[] machineTicks() {
		String content = read(Paths.get("/proc/stat"));
		if (content == null) {
			return new long[2];
		}
		String[] fields = content.substring(0, content.indexOf('\n')).trim().split("\\s+");
		long total = 0;
		long idle = 0;
		// cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is
		// already counted in user.
		for (int i = 1; i <= 8 && i < fields.length; i++) {
			long value = Long.parseLong(fields[i]);
			total += value;
			if (i == 4 || i == 5) {
				idle += value;
			}
		}
		return new long[] { total - idle, total };
	}

	private static String commandLine(Path process) {
		try {
			byte[] bytes = Files.readAllBytes(process.resolve("cmdline"));
			return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

	/**
	 * Counters at one moment.
	 */
	record Snapshot(long wallNanos, Map<String, Long> groups, Map<String, Map<String, Long>> threads, long[] machine) {
	}

	/**
	 * CPU seconds used between two snapshots.
	 *
	 * @param wallSeconds the wall time between them
	 * @param busySeconds CPU seconds all CPUs were busy, summed
	 * @param capacitySeconds CPU seconds available, summed over the CPUs
	 * @param seconds CPU seconds per process group, {@link #REST} included
	 * @param threads CPU seconds per thread name, for the Java processes
	 */
	record Usage(double wallSeconds, double busySeconds, double capacitySeconds, Map<String, Double> seconds,
			Map<String, Map<String, Double>> threads) {
	}

}
