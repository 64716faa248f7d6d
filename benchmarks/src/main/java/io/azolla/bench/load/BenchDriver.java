package io.azolla.bench.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures three ways of running tasks side by side in one run against one orchestrator:
 * the Java in-process shepherd, the Rust shepherd with the Rust example worker, and the Rust
 * shepherd with the Java invocation launcher.
 * <p>
 * It creates a fresh database, starts the orchestrator and the three shepherds from the
 * binaries it is given ({@code AZOLLA_HOME}, the launcher script), checks each setup answers,
 * then runs the {@link LoadTool} in a fresh JVM for every setup, in turn, for several rounds,
 * so drift on a noisy machine touches all setups alike. The Java shepherd and the Rust worker
 * are each measured twice: as closed loops (one task in flight per submitter, for latency) and
 * saturated (submitters run ahead, for the throughput each sustains). It prints the medians over rounds and
 * the ratios between setups measured in the same round, as Markdown, and stops everything it
 * started, also on failure or Ctrl-C.
 */
public final class BenchDriver {

	private static final Set<String> OPTIONS = Set.of("azolla-home", "launcher", "database-url", "rounds", "tasks",
			"concurrency", "warmup", "saturation-in-flight", "max-concurrency", "launcher-tasks", "launcher-concurrency",
			"launcher-max-concurrency", "launcher-warmup", "setups", "logs", "timeout");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private BenchDriver() {
	}

	/**
	 * Runs the driver.
	 * @param args the options, see {@link #usage()}
	 * @throws Exception if the cluster cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args, OPTIONS);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.err.println(usage());
			System.exit(2);
			return;
		}
		System.exit(run(options, args));
	}

	private static int run(Options options, String[] args) throws Exception {
		Path bin = binaries(options.text("azolla-home", System.getenv("AZOLLA_HOME")));
		int rounds = options.integer("rounds", 3, 1);
		int tasks = options.integer("tasks", 2000, 1);
		int concurrency = options.integer("concurrency", 8, 1);
		int warmup = options.integer("warmup", 200, 0);
		int saturation = options.integer("saturation-in-flight", 256, concurrency);
		int maxConcurrency = options.integer("max-concurrency", concurrency, 1);
		int launcherConcurrency = options.integer("launcher-concurrency", 4, 1);
		int launcherMaxConcurrency = options.integer("launcher-max-concurrency", launcherConcurrency, 1);
		Duration timeout = options.duration("timeout", Duration.ofSeconds(120));
		Set<String> groups = groups(options);
		// The closed loops measure latency at a fixed concurrency; the saturated runs let the
		// submitters run ahead to find the throughput each setup sustains.
		List<Setup> setups = new ArrayList<>();
		String echo = "[\"hello\"]";
		if (groups.contains(Setup.JAVA_SHEPHERD)) {
			setups.add(new Setup(Setup.JAVA_SHEPHERD + " closed", Setup.JAVA_SHEPHERD, "echo", echo, tasks, concurrency,
					concurrency, warmup, Setup.RUST_WORKER + " closed"));
		}
		if (groups.contains(Setup.RUST_WORKER)) {
			setups.add(new Setup(Setup.RUST_WORKER + " closed", Setup.RUST_WORKER, "echo", echo, tasks, concurrency,
					concurrency, warmup, null));
		}
		if (groups.contains(Setup.JAVA_SHEPHERD)) {
			setups.add(new Setup(Setup.JAVA_SHEPHERD + " saturated", Setup.JAVA_SHEPHERD, "echo", echo, tasks,
					concurrency, saturation, warmup, Setup.RUST_WORKER + " saturated"));
		}
		if (groups.contains(Setup.RUST_WORKER)) {
			setups.add(new Setup(Setup.RUST_WORKER + " saturated", Setup.RUST_WORKER, "echo", echo, tasks, concurrency,
					saturation, warmup, null));
		}
		if (groups.contains(Setup.JAVA_LAUNCHER)) {
			setups.add(new Setup(Setup.JAVA_LAUNCHER + " closed", Setup.JAVA_LAUNCHER, "sum", "[[1,2,3]]",
					options.integer("launcher-tasks", 40, 1), launcherConcurrency, launcherConcurrency,
					options.integer("launcher-warmup", 4, 0), Setup.RUST_WORKER + " closed"));
		}
		Path launcher = null;
		if (groups.contains(Setup.JAVA_LAUNCHER)) {
			launcher = executable(options.text("launcher",
					Optional.ofNullable(System.getenv("AZOLLA_LAUNCHER")).orElse("sample-app/bin/azolla-sample-worker")),
					"--launcher (the Java invocation launcher, e.g. sample-app/bin/azolla-sample-worker)");
		}
		Path logs = Paths.get(options.text("logs", "benchmarks/target/bench-logs"));
		URI adminUrl = URI.create(options.text("database-url",
				Optional.ofNullable(System.getenv("AZOLLA_BENCH_DATABASE_URL"))
					.orElse("postgres://postgres:postgres@127.0.0.1:5432/postgres")));
		String loadBefore = loadAverage();
		LocalCluster cluster = new LocalCluster(bin, adminUrl, logs);
		Thread hook = new Thread(cluster::close, "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			cluster.start();
			log("orchestrator on " + cluster.endpoint() + ", logs in " + logs.toAbsolutePath());
			for (String group : groups) {
				int shepherdConcurrency = group.equals(Setup.JAVA_LAUNCHER) ? launcherMaxConcurrency : maxConcurrency;
				startShepherd(cluster, group, shepherdConcurrency, bin, launcher);
			}
			for (Setup setup : setups) {
				if (setup.name().endsWith("closed")) {
					probe(cluster, setup, timeout);
				}
			}
			Map<String, List<LoadResult>> results = new LinkedHashMap<>();
			setups.forEach((setup) -> results.put(setup.name(), new ArrayList<>()));
			boolean clean = true;
			for (int round = 1; round <= rounds; round++) {
				for (Setup setup : setups) {
					log("round " + round + "/" + rounds + ": " + setup.name());
					LoadResult result = runLoadTool(cluster.endpoint(), setup, timeout);
					results.get(setup.name()).add(result);
					clean &= result.clean();
				}
			}
			String report = report(args, setups, results, loadBefore, loadAverage());
			Files.writeString(logs.resolve("results.md"), report);
			System.out.println();
			System.out.println(report);
			return clean ? 0 : 1;
		}
		finally {
			cluster.close();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// Already shutting down: the hook runs close() again, which is harmless.
			}
		}
	}

	static void startShepherd(LocalCluster cluster, String group, int maxConcurrency, Path bin, Path launcher)
			throws IOException {
		switch (group) {
			case Setup.JAVA_SHEPHERD -> {
				String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
				cluster.launch(List.of(java, "-cp", absoluteClassPath(), "io.azolla.bench.worker.BenchWorkerApplication",
						"--azolla.client.endpoint=" + cluster.endpoint(), "--azolla.worker.shepherd-group=" + group,
						"--azolla.worker.max-concurrency=" + maxConcurrency, "--azolla.worker.shutdown-timeout=5s"),
						Map.of(), "shepherd-" + group);
				log("started the Java in-process shepherd (Spring Boot app with the starter), group " + group
						+ ", max concurrency " + maxConcurrency);
			}
			case Setup.RUST_WORKER -> {
				cluster.startRustShepherd(bin.resolve("azolla-worker"), group, maxConcurrency);
				log("started the Rust shepherd with the Rust azolla-worker, group " + group + ", max concurrency "
						+ maxConcurrency);
			}
			default -> {
				cluster.startRustShepherd(launcher, group, maxConcurrency);
				log("started the Rust shepherd with the Java launcher " + launcher + ", group " + group
						+ ", max concurrency " + maxConcurrency);
			}
		}
	}

	/**
	 * Runs one task through a setup before anything is measured, so a broken setup fails the
	 * run at once, and the Java shepherd has registered before its first measured round.
	 */
	static void probe(LocalCluster cluster, Setup setup, Duration timeout)
			throws InterruptedException, ExecutionException {
		URI uri = URI.create(cluster.endpoint());
		ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
		try (GrpcAzollaClient client = new GrpcAzollaClient(channel, AzollaClientSettings.defaults(),
				TaskDefaults.of(RetryPolicy.none()), MAPPER)) {
			CompletableFuture<TaskResult> answer = client.submitTask(setup.task())
				.argsJson(setup.argsJson())
				.shepherdGroup(setup.group())
				.submit()
				.resultAsync(timeout);
			TaskResult result = null;
			while (result == null) {
				try {
					result = answer.get(1, TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					// A shepherd that died at start-up would otherwise cost the whole wait.
					try {
						cluster.requireAllAlive();
					}
					catch (IllegalStateException dead) {
						// Stop the wait before the client closes under it.
						answer.cancel(true);
						throw dead;
					}
				}
			}
			if (!result.isSuccess()) {
				throw new IllegalStateException(setup.name() + " answered the probe task with "
						+ result.failure().orElseThrow().type() + ": " + result.failure().orElseThrow().message());
			}
			log(setup.group() + " answers");
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static LoadResult runLoadTool(String endpoint, Setup setup, Duration timeout)
			throws IOException, InterruptedException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-cp", absoluteClassPath(), LoadTool.class.getName(),
				"--endpoint", endpoint, "--tasks", String.valueOf(setup.tasks()), "--concurrency",
				String.valueOf(setup.concurrency()), "--max-in-flight", String.valueOf(setup.maxInFlight()), "--task",
				setup.task(), "--args", setup.argsJson(), "--group", setup.group(), "--warmup", String.valueOf(setup.warmup()), "--timeout",
				String.valueOf(timeout.toSeconds()), "--label", setup.name());
		return runForResult(command, setup.name());
	}

	/**
	 * Runs a load process (the Java load tool or the Python one), echoes its output and reads
	 * the {@code RESULT} line it prints.
	 */
	static LoadResult runForResult(List<String> command, String name) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		LoadResult result = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				System.out.println("    | " + line);
				if (line.startsWith("RESULT ")) {
					result = MAPPER.readValue(line.substring("RESULT ".length()), LoadResult.class);
				}
			}
		}
		finally {
			// The tool bounds its own run; this only guards against a stuck JVM.
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		if (result == null) {
			throw new IllegalStateException("the load tool for " + name + " printed no result (exit "
					+ process.exitValue() + ")");
		}
		return result;
	}

	/**
	 * Returns this JVM's class path with absolute entries, because child processes run in
	 * another working directory.
	 */
	static String absoluteClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Paths.get(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static Set<String> groups(Options options) {
		List<String> all = List.of(Setup.JAVA_SHEPHERD, Setup.RUST_WORKER, Setup.JAVA_LAUNCHER);
		String wanted = options.text("setups", null);
		if (wanted == null) {
			return new LinkedHashSet<>(all);
		}
		Set<String> chosen = new LinkedHashSet<>(Arrays.asList(wanted.split(",")));
		if (!all.containsAll(chosen)) {
			throw new IllegalArgumentException("--setups takes a comma-separated subset of " + String.join(",", all));
		}
		return chosen;
	}

	static Path binaries(String home) {
		if (home == null || home.isBlank()) {
			throw new IllegalArgumentException("set AZOLLA_HOME (or --azolla-home) to the folder holding "
					+ "azolla-orchestrator, azolla-shepherd and azolla-worker, or its bin/ parent");
		}
		for (Path candidate : List.of(Paths.get(home, "bin"), Paths.get(home))) {
			if (Files.isExecutable(candidate.resolve("azolla-orchestrator"))
					&& Files.isExecutable(candidate.resolve("azolla-shepherd"))
					&& Files.isExecutable(candidate.resolve("azolla-worker"))) {
				return candidate.toAbsolutePath();
			}
		}
		throw new IllegalArgumentException(home + " holds no azolla-orchestrator, azolla-shepherd and azolla-worker");
	}

	private static Path executable(String path, String what) {
		Path file = Paths.get(path).toAbsolutePath();
		if (!Files.isExecutable(file)) {
			throw new IllegalArgumentException(file + " is not executable; set " + what);
		}
		return file;
	}

	static String report(String[] args, List<Setup> setups, Map<String, List<LoadResult>> results, String loadBefore,
			String loadAfter) {
		StringBuilder md = new StringBuilder();
		md.append("## End-to-end load, ").append(Instant.now().toString(), 0, 16).append(" UTC\n\n");
		md.append("Machine: ").append(MachineInfo.describe()).append("  \n");
		md.append("Load average before: ").append(loadBefore).append("; after: ").append(loadAfter).append("  \n");
		md.append("Driver options: `").append(String.join(" ", args)).append("`\n\n");
		md.append("| setup | task | N per round | submitters | max in flight | rounds | throughput (tasks/s) "
				+ "| submit p50 | submit p99 | e2e p50 | e2e p90 | e2e p99 | failed / lost |\n");
		md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Setup setup : setups) {
			List<LoadResult> runs = results.get(setup.name());
			md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.1f | %.2f ms | %.2f ms | %.1f ms "
					+ "| %.1f ms | %.1f ms | %d / %d |\n", setup.name(), setup.task(), setup.tasks(), setup.concurrency(),
					setup.maxInFlight(), runs.size(), median(runs, LoadResult::throughput), median(runs, (r) -> r.submit().p50()),
					median(runs, (r) -> r.submit().p99()), median(runs, (r) -> r.endToEnd().p50()),
					median(runs, (r) -> r.endToEnd().p90()), median(runs, (r) -> r.endToEnd().p99()),
					runs.stream().mapToInt(LoadResult::failed).sum(), runs.stream().mapToInt(LoadResult::lost).sum()));
		}
		md.append("\nFigures are medians over rounds; each round's figure comes from one load-tool run.\n");
		md.append("\nRatios between setups, computed within each round, then the median (min–max) over rounds:\n\n");
		md.append("| ratio | throughput | e2e p50 | e2e p99 |\n|---|---:|---:|---:|\n");
		for (Setup setup : setups) {
			List<LoadResult> baseline = (setup.baseline() != null) ? results.get(setup.baseline()) : null;
			if (baseline != null) {
				List<LoadResult> runs = results.get(setup.name());
				md.append("| ").append(setup.name()).append(" / ").append(setup.baseline()).append(" | ")
					.append(ratio(runs, baseline, LoadResult::throughput)).append(" | ")
					.append(ratio(runs, baseline, (r) -> r.endToEnd().p50())).append(" | ")
					.append(ratio(runs, baseline, (r) -> r.endToEnd().p99())).append(" |\n");
			}
		}
		md.append("\nPer round:\n\n| round | setup | throughput | submit p50 | submit p99 | e2e p50 | e2e p90 | e2e p99 "
				+ "| seconds |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
		int rounds = results.values().stream().mapToInt(List::size).max().orElse(0);
		for (int round = 0; round < rounds; round++) {
			for (Setup setup : setups) {
				List<LoadResult> runs = results.get(setup.name());
				if (round < runs.size()) {
					LoadResult r = runs.get(round);
					md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f |\n",
							round + 1, setup.name(), r.throughput(), r.submit().p50(), r.submit().p99(),
							r.endToEnd().p50(), r.endToEnd().p90(), r.endToEnd().p99(), r.seconds()));
				}
			}
		}
		return md.toString();
	}

	private static String ratio(List<LoadResult> runs, List<LoadResult> baseline, ToDoubleFunction<LoadResult> metric) {
		int rounds = Math.min(runs.size(), baseline.size());
		double[] ratios = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			ratios[i] = metric.applyAsDouble(runs.get(i)) / metric.applyAsDouble(baseline.get(i));
		}
		Arrays.sort(ratios);
		if (rounds == 0) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(ratios), ratios[0], ratios[rounds - 1]);
	}

	static double median(List<LoadResult> runs, ToDoubleFunction<LoadResult> metric) {
		double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
		return median(values);
	}

	static double median(double[] sorted) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static void log(String text) {
		System.out.println("[bench] " + text);
	}

	static String usage() {
		return """
				usage: AZOLLA_HOME=... java -cp azolla-benchmarks.jar io.azolla.bench.load.BenchDriver [options]
				  --azolla-home DIR          orchestrator, shepherd and worker binaries ($AZOLLA_HOME)
				  --launcher FILE            Java invocation launcher ($AZOLLA_LAUNCHER or
				                             sample-app/bin/azolla-sample-worker)
				  --database-url URL         PostgreSQL admin URL ($AZOLLA_BENCH_DATABASE_URL or
				                             postgres://postgres:postgres@127.0.0.1:5432/postgres)
				  --setups LIST              java-shepherd,rust-worker,java-launcher (all)
				  --rounds R                 rounds over all setups (3)
				  --tasks N --concurrency C --warmup W
				                             java-shepherd and rust-worker load (2000, 8, 200)
				  --saturation-in-flight K   unfinished tasks allowed in the saturated runs (256)
				  --max-concurrency M        java-shepherd and rust-worker shepherd slots (C)
				  --launcher-tasks N --launcher-concurrency C --launcher-warmup W
				                             java-launcher load (40, 4, 4)
				  --launcher-max-concurrency M  java-launcher shepherd slots (launcher C)
				  --timeout SECONDS          longest wait for one result (120)
				  --logs DIR                 process logs and results.md (benchmarks/target/bench-logs)""";
	}

}
