package io.azolla.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Compares ways of waiting for a result side by side in one run against one orchestrator and
 * one Java in-process shepherd: the Java client's probe schedule, the same client long-polling
 * only (what it did before probes), and the official Python client's {@code wait()}.
 * <p>
 * Every round runs, in turn (in reverse order in even rounds): closed loops of a no-op task with each of the three clients;
 * saturated runs with 256 and with 5,000 tasks in flight, probes vs long poll; closed loops of a
 * 1 s task, probes vs long poll. Once, after the rounds, a 60 s task, probes vs long poll, and
 * probes again after a wave of the same task (the client then knows the name is long). It
 * prints latency percentiles, throughput and {@code WaitForTask} calls per task, the medians
 * over rounds and the within-round ratios, as Markdown.
 */
public final class WaitBenchDriver {

	private static final Set<String> OPTIONS = Set.of("azolla-home", "database-url", "python", "rounds", "tasks",
			"concurrency", "warmup", "saturated-tasks", "large-in-flight", "long-task-seconds", "logs", "timeout",
			"max-concurrency", "only", "schedules", "saturated-control");

	private static final String PROBES = "probes";

	private static final String LONG_POLL = "long-poll";

	private static final String PYTHON = "python-wait";

	private WaitBenchDriver() {
	}

	/**
	 * Runs the driver.
	 * @param args the options, see {@link #usage()}
	 * @throws Exception if the cluster cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parseOrExit(args, OPTIONS, "wait-bench", WaitBenchDriver::usage);
		System.exit(run(options, args));
	}

	/**
	 * One measurement.
	 *
	 * @param name the name in the report
	 * @param client {@code probes}, {@code long-poll} or {@code python-wait}
	 * @param task the task name
	 * @param argsJson its arguments
	 * @param tasks measured tasks
	 * @param concurrency submitters
	 * @param maxInFlight most unfinished tasks
	 * @param warmup unmeasured tasks first
	 * @param baseline the setup this one is divided by, or {@code null}
	 * @param loadToolArgs extra load tool options, e.g. a probe schedule to compare with the defaults
	 */
	record WaitSetup(String name, String client, String task, String argsJson, int tasks, int concurrency,
			int maxInFlight, int warmup, String baseline, List<String> loadToolArgs) {

		WaitSetup(String name, String client, String task, String argsJson, int tasks, int concurrency,
				int maxInFlight, int warmup, String baseline) {
			this(name, client, task, argsJson, tasks, concurrency, maxInFlight, warmup, baseline, List.of());
		}

	}

	private static int run(Options options, String[] args) throws Exception {
		Path bin = BenchDriver.binaries(options.text("azolla-home", System.getenv("AZOLLA_HOME")));
		String python = options.text("python", Optional.ofNullable(System.getenv("AZOLLA_E2E_PYTHON")).orElse("python3"));
		int rounds = options.integer("rounds", 3, 1);
		int tasks = options.integer("tasks", 1000, 1);
		int concurrency = options.integer("concurrency", 8, 1);
		int slots = options.integer("max-concurrency", concurrency, 1);
		int warmup = options.integer("warmup", 100, 0);
		int saturatedTasks = options.integer("saturated-tasks", 2000, 1);
		int largeInFlight = options.integer("large-in-flight", 5000, 256);
		int longSeconds = options.integer("long-task-seconds", 60, 0);
		Duration timeout = options.duration("timeout", Duration.ofSeconds(Math.max(120, 2L * longSeconds)));
		String echo = "[\"hello\"]";
		boolean saturatedControl = Boolean.parseBoolean(options.text("saturated-control", "false"));
		List<WaitSetup> perRound = new ArrayList<>();
		perRound.add(new WaitSetup("no-op closed, Java probes", PROBES, "echo", echo, tasks, concurrency, concurrency,
				warmup, null));
		perRound.add(new WaitSetup("no-op closed, Java long poll", LONG_POLL, "echo", echo, tasks, concurrency,
				concurrency, warmup, "no-op closed, Java probes"));
		perRound.add(new WaitSetup("no-op closed, Python wait()", PYTHON, "echo", echo, tasks, concurrency, concurrency,
				warmup, "no-op closed, Java probes"));
		for (String candidate : scheduleCandidates(options.text("schedules", ""))) {
			String[] parts = candidate.split(",");
			perRound.add(new WaitSetup("no-op closed, Java probes " + parts[0] + " ms x" + parts[1] + " to " + parts[2]
					+ " ms", PROBES, "echo", echo, tasks, concurrency, concurrency, warmup, null,
					List.of("--first-probe", parts[0], "--probe-growth", parts[1], "--probe-phase", parts[2])));
		}
		for (int inFlight : List.of(256, largeInFlight)) {
			int count = Math.max(saturatedTasks, inFlight + inFlight / 5);
			String probes = "no-op saturated " + inFlight + ", Java probes";
			perRound.add(new WaitSetup(probes, PROBES, "echo", echo, count, concurrency, inFlight, warmup, null));
			String longPoll = "no-op saturated " + inFlight + ", Java long poll";
			perRound.add(new WaitSetup(longPoll, LONG_POLL, "echo", echo, count, concurrency, inFlight, warmup, probes));
			if (saturatedControl) {
				// The same long-poll run again (an A/A pair): how far two identical runs in one round
				// lie apart, to read the probes / long poll ratio against.
				perRound.add(new WaitSetup(longPoll + " again", LONG_POLL, "echo", echo, count, concurrency, inFlight,
						warmup, longPoll));
			}
		}
		perRound.add(new WaitSetup("1 s closed, Java probes", PROBES, "sleep", "[1000]", 2 * concurrency, concurrency,
				concurrency, 0, null));
		perRound.add(new WaitSetup("1 s closed, Java long poll", LONG_POLL, "sleep", "[1000]", 2 * concurrency,
				concurrency, concurrency, 0, "1 s closed, Java probes"));
		String only = options.text("only", null);
		if (only != null) {
			perRound.removeIf((setup) -> !setup.name().contains(only));
		}
		List<WaitSetup> once = new ArrayList<>();
		if (longSeconds > 0 && (only == null || (longSeconds + " s closed").contains(only))) {
			String args60 = "[" + longSeconds * 1000L + "]";
			once.add(new WaitSetup(longSeconds + " s closed, Java probes", PROBES, "sleep", args60, concurrency / 2,
					concurrency / 2, concurrency / 2, 0, null));
			once.add(new WaitSetup(longSeconds + " s closed, Java long poll", LONG_POLL, "sleep", args60,
					concurrency / 2, concurrency / 2, concurrency / 2, 0, longSeconds + " s closed, Java probes"));
			// One wave of warm-up tasks first: the client has seen the name outlive the probe phase.
			once.add(new WaitSetup(longSeconds + " s closed, Java probes, name known", PROBES, "sleep", args60,
					concurrency / 2, concurrency / 2, concurrency / 2, concurrency / 2,
					longSeconds + " s closed, Java long poll"));
		}
		Path logs = Paths.get(options.text("logs", "benchmarks/target/wait-bench-logs"));
		URI adminUrl = LocalCluster.adminUrl(options);
		String loadBefore = BenchDriver.loadAverage();
		LocalCluster cluster = new LocalCluster(bin, adminUrl, logs);
		Thread hook = cluster.closeOnExit("wait-bench-cleanup");
		try {
			cluster.start();
			BenchDriver.log("orchestrator on " + cluster.endpoint() + ", logs in " + logs.toAbsolutePath());
			BenchDriver.startShepherd(cluster, Setup.JAVA_SHEPHERD, slots, bin, null);
			BenchDriver.probe(cluster, new Setup("java-shepherd", Setup.JAVA_SHEPHERD, "echo", echo, 1, 1, 1, 0, null),
					timeout);
			Map<String, List<LoadResult>> results = new LinkedHashMap<>();
			perRound.forEach((setup) -> results.put(setup.name(), new ArrayList<>()));
			once.forEach((setup) -> results.put(setup.name(), new ArrayList<>()));
			boolean clean = true;
			for (int round = 1; round <= rounds; round++) {
				// The orchestrator slows down as it accumulates tasks, so whatever runs later in a
				// round is at a disadvantage: even rounds run the setups in reverse order.
				List<WaitSetup> order = new ArrayList<>(perRound);
				if (round % 2 == 0) {
					java.util.Collections.reverse(order);
				}
				for (WaitSetup setup : order) {
					BenchDriver.log("round " + round + "/" + rounds + ": " + setup.name());
					LoadResult result = runOne(cluster.endpoint(), setup, timeout, python);
					results.get(setup.name()).add(result);
					clean &= result.clean();
				}
			}
			for (WaitSetup setup : once) {
				BenchDriver.log("once: " + setup.name());
				LoadResult result = runOne(cluster.endpoint(), setup, timeout, python);
				results.get(setup.name()).add(result);
				clean &= result.clean();
			}
			List<WaitSetup> all = new ArrayList<>(perRound);
			all.addAll(once);
			String report = report(args, all, results, loadBefore, BenchDriver.loadAverage());
			MachineInfo.publish(logs.resolve("wait-results.md"), report);
			return clean ? 0 : 1;
		}
		finally {
			cluster.closeAndDropHook(hook);
		}
	}

	/**
	 * Parses {@code --schedules}: probe schedules to run as extra closed no-op setups, given as
	 * {@code first-probe-ms,growth,phase-ms} and separated by {@code ;}.
	 */
	static List<String> scheduleCandidates(String text) {
		List<String> candidates = new ArrayList<>();
		for (String candidate : text.split(";")) {
			String trimmed = candidate.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			String[] parts = trimmed.split(",");
			if (parts.length != 3) {
				throw new IllegalArgumentException(
						"--schedules wants first-probe-ms,growth,phase-ms[;...] (was " + trimmed + ")");
			}
			Double.parseDouble(parts[0]);
			Double.parseDouble(parts[1]);
			Integer.parseInt(parts[2]);
			candidates.add(trimmed);
		}
		return candidates;
	}

	private static LoadResult runOne(String endpoint, WaitSetup setup, Duration timeout, String python)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (setup.client().equals(PYTHON)) {
			command.addAll(List.of(python, pythonScript().toString()));
		}
		else {
			String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
			command.addAll(List.of(java, "-cp", BenchDriver.absoluteClassPath(), LoadTool.class.getName(),
					"--max-in-flight", String.valueOf(setup.maxInFlight()), "--wait", setup.client()));
			command.addAll(setup.loadToolArgs());
		}
		command.addAll(List.of("--endpoint", endpoint, "--tasks", String.valueOf(setup.tasks()), "--concurrency",
				String.valueOf(setup.concurrency()), "--task", setup.task(), "--args", setup.argsJson(), "--group",
				Setup.JAVA_SHEPHERD, "--warmup", String.valueOf(setup.warmup()), "--timeout",
				String.valueOf(timeout.toSeconds()), "--label", setup.name()));
		return BenchDriver.runForResult(command, setup.name());
	}

	/**
	 * Finds the Python load script next to the benchmarks module's sources, from the working
	 * directory the driver is started in (the repository root or the module).
	 */
	private static Path pythonScript() {
		for (Path candidate : List.of(Paths.get("benchmarks/src/main/python/python_wait_load.py"),
				Paths.get("src/main/python/python_wait_load.py"))) {
			if (Files.isRegularFile(candidate)) {
				return candidate.toAbsolutePath();
			}
		}
		throw new IllegalStateException("python_wait_load.py not found; start the driver from the repository root");
	}

	static String report(String[] args, List<WaitSetup> setups, Map<String, List<LoadResult>> results,
			String loadBefore, String loadAfter) {
		StringBuilder md = MachineInfo.reportHeader("Waiting for results", args, loadBefore, loadAfter);
		md.append("| setup | wait | N | submitters | max in flight | runs | throughput (tasks/s) | e2e p50 | e2e p90 "
				+ "| e2e p99 | WaitForTask calls per task | failed / lost |\n");
		md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (WaitSetup setup : setups) {
			List<LoadResult> runs = results.get(setup.name());
			md.append(String.format(Locale.ROOT,
					"| %s | %s | %d | %d | %d | %d | %.1f | %.1f ms | %.1f ms | %.1f ms | %.2f | %d / %d |\n",
					setup.name(), setup.client(), setup.tasks(), setup.concurrency(), setup.maxInFlight(), runs.size(),
					median(runs, LoadResult::throughput), median(runs, (r) -> r.endToEnd().p50()),
					median(runs, (r) -> r.endToEnd().p90()), median(runs, (r) -> r.endToEnd().p99()),
					median(runs, LoadResult::waitCallsPerTask), runs.stream().mapToInt(LoadResult::failed).sum(),
					runs.stream().mapToInt(LoadResult::lost).sum()));
		}
		md.append("\nFigures are medians over runs. Ratios are computed within each round, then the median "
				+ "(min–max) over rounds:\n\n");
		md.append("| ratio | throughput | e2e p50 | e2e p99 | calls per task |\n|---|---:|---:|---:|---:|\n");
		for (WaitSetup setup : setups) {
			if (setup.baseline() != null && results.containsKey(setup.baseline())) {
				List<LoadResult> runs = results.get(setup.name());
				List<LoadResult> baseline = results.get(setup.baseline());
				md.append("| ").append(setup.name()).append(" / ").append(setup.baseline()).append(" | ")
					.append(ratio(runs, baseline, LoadResult::throughput)).append(" | ")
					.append(ratio(runs, baseline, (r) -> r.endToEnd().p50())).append(" | ")
					.append(ratio(runs, baseline, (r) -> r.endToEnd().p99())).append(" | ")
					.append(ratio(runs, baseline, LoadResult::waitCallsPerTask)).append(" |\n");
			}
			if (!setup.loadToolArgs().isEmpty() && results.containsKey("no-op closed, Python wait()")) {
				// A candidate schedule against the peer it has to beat.
				List<LoadResult> python = results.get("no-op closed, Python wait()");
				List<LoadResult> runs = results.get(setup.name());
				md.append("| no-op closed, Python wait() / ").append(setup.name()).append(" | ")
					.append(ratio(python, runs, LoadResult::throughput)).append(" | ")
					.append(ratio(python, runs, (r) -> r.endToEnd().p50())).append(" | ")
					.append(ratio(python, runs, (r) -> r.endToEnd().p99())).append(" | ")
					.append(ratio(python, runs, LoadResult::waitCallsPerTask)).append(" |\n");
			}
		}
		md.append("\nPer run:\n\n| run | setup | throughput | e2e p50 | e2e p90 | e2e p99 | calls per task | seconds |\n"
				+ "|---:|---|---:|---:|---:|---:|---:|---:|\n");
		int rounds = results.values().stream().mapToInt(List::size).max().orElse(0);
		for (int round = 0; round < rounds; round++) {
			for (WaitSetup setup : setups) {
				List<LoadResult> runs = results.get(setup.name());
				if (round < runs.size()) {
					LoadResult r = runs.get(round);
					md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f |\n",
							round + 1, setup.name(), r.throughput(), r.endToEnd().p50(), r.endToEnd().p90(),
							r.endToEnd().p99(), r.waitCallsPerTask(), r.seconds()));
				}
			}
		}
		return md.toString();
	}

	private static String ratio(List<LoadResult> runs, List<LoadResult> baseline, ToDoubleFunction<LoadResult> metric) {
		int rounds = Math.min(runs.size(), baseline.size());
		if (rounds == 0) {
			return "–";
		}
		double[] ratios = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			ratios[i] = metric.applyAsDouble(runs.get(i)) / metric.applyAsDouble(baseline.get(i));
		}
		java.util.Arrays.sort(ratios);
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", BenchDriver.median(ratios), ratios[0],
				ratios[rounds - 1]);
	}

	private static double median(List<LoadResult> runs, ToDoubleFunction<LoadResult> metric) {
		return BenchDriver.median(runs, metric);
	}

	static String usage() {
		return """
				usage: AZOLLA_HOME=... java -cp azolla-benchmarks.jar io.azolla.bench.load.WaitBenchDriver [options]
				  --azolla-home DIR        orchestrator binaries ($AZOLLA_HOME)
				  --python FILE            Python with the official azolla client ($AZOLLA_E2E_PYTHON or python3)
				  --database-url URL       PostgreSQL admin URL ($AZOLLA_BENCH_DATABASE_URL or
				                           postgres://postgres:postgres@127.0.0.1:5432/postgres)
				  --rounds R               rounds (3)
				  --tasks N --concurrency C --warmup W
				                           closed-loop no-op load (1000, 8, 100)
				  --max-concurrency M      the Java shepherd's slots (C)
				  --saturated-tasks N      tasks per saturated run, at least 1.2 x in flight (2000)
				  --large-in-flight K      the larger saturated run's in-flight tasks (5000)
				  --long-task-seconds S    the long task, run once after the rounds; 0 skips it (60)
				  --timeout SECONDS        longest wait for one result (120, or 2 x the long task)
				  --schedules LIST         extra closed no-op setups with other probe schedules, each
				                           first-probe-ms,growth,phase-ms, separated by ';' (none)
				  --saturated-control true also run each saturated long-poll setup a second time (A/A pair)
				  --only TEXT              run only the setups whose name contains TEXT, e.g. "saturated 256"
				  --logs DIR               process logs and wait-results.md (benchmarks/target/wait-bench-logs)""";
	}

}
