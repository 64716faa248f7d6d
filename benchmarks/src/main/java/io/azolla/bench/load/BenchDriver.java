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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.function.Consumer;
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
			"launcher-max-concurrency", "launcher-warmup", "setups", "logs", "timeout", "profiles", "null-max-concurrency",
			"upstream-requests", "shepherd-jvm-args", "alternate", "synchronous-commit", "load-args");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private BenchDriver() {
	}

	/**
	 * Runs the driver.
	 * @param args the options, see {@link #usage()}
	 * @throws Exception if the cluster cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parseOrExit(args, OPTIONS, "bench", BenchDriver::usage);
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
		Set<String> profiles = profiles(options);
		int nullMaxConcurrency = options.integer("null-max-concurrency", 256, 1);
		int upstreamRequests = options.integer("upstream-requests", 0, 0);
		boolean alternate = options.text("alternate", "false").equals("true");
		String synchronousCommit = options.text("synchronous-commit", null);
		List<String> loadArgs = words(options.text("load-args", ""));
		List<String> shepherdJvmArgs = words(options.text("shepherd-jvm-args", ""));
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
		if (groups.contains(Setup.NULL_SHEPHERD)) {
			setups.add(new Setup(Setup.NULL_SHEPHERD + " saturated", Setup.NULL_SHEPHERD, "echo", echo, tasks,
					concurrency, saturation, warmup, null));
		}
		if (groups.contains(Setup.JAVA_LAUNCHER)) {
			setups.add(new Setup(Setup.JAVA_LAUNCHER + " closed", Setup.JAVA_LAUNCHER, "sum", "[[1,2,3]]",
					options.integer("launcher-tasks", 40, 1), launcherConcurrency, launcherConcurrency,
					options.integer("launcher-warmup", 4, 0), Setup.RUST_WORKER + " closed"));
		}
		setups.removeIf((setup) -> !profiles.contains(setup.name().substring(setup.name().lastIndexOf(' ') + 1)));
		if (setups.isEmpty()) {
			throw new IllegalArgumentException("--setups and --profiles leave nothing to measure");
		}
		Path launcher = null;
		if (groups.contains(Setup.JAVA_LAUNCHER)) {
			launcher = executable(options.text("launcher",
					Optional.ofNullable(System.getenv("AZOLLA_LAUNCHER")).orElse("sample-app/bin/azolla-sample-worker")),
					"--launcher (the Java invocation launcher, e.g. sample-app/bin/azolla-sample-worker)");
		}
		Path logs = Paths.get(options.text("logs", "benchmarks/target/bench-logs"));
		URI adminUrl = LocalCluster.adminUrl(options);
		String loadBefore = loadAverage();
		LocalCluster cluster = new LocalCluster(bin, adminUrl, logs);
		Thread hook = cluster.closeOnExit("bench-cleanup");
		try {
			cluster.start(synchronousCommit);
			log("orchestrator on " + cluster.endpoint() + ", logs in " + logs.toAbsolutePath());
			for (String group : groups) {
				int shepherdConcurrency = switch (group) {
					case Setup.JAVA_LAUNCHER -> launcherMaxConcurrency;
					case Setup.NULL_SHEPHERD -> nullMaxConcurrency;
					default -> maxConcurrency;
				};
				startShepherd(cluster, group, shepherdConcurrency, bin, launcher, shepherdJvmArgs);
			}
			Set<String> probed = new LinkedHashSet<>();
			for (Setup setup : setups) {
				if (probed.add(setup.group())) {
					probe(cluster, setup, timeout);
				}
			}
			CpuAccount account = new CpuAccount(cluster.database());
			cluster.processes().forEach((name, process) -> account.track(name.replace("shepherd-", "shepherd "),
					process.pid(), name.equals("shepherd-" + Setup.JAVA_SHEPHERD)
							|| name.equals("shepherd-" + Setup.NULL_SHEPHERD)));
			Map<String, List<LoadResult>> results = new LinkedHashMap<>();
			Map<String, List<CpuAccount.Usage>> usage = new LinkedHashMap<>();
			setups.forEach((setup) -> results.put(setup.name(), new ArrayList<>()));
			setups.forEach((setup) -> usage.put(setup.name(), new ArrayList<>()));
			Map<String, List<EventTimes>> timelines = new LinkedHashMap<>();
			setups.forEach((setup) -> timelines.put(setup.name(), new ArrayList<>()));
			List<Upstream> upstream = new ArrayList<>();
			List<String> windows = new ArrayList<>(List.of("setup\tround\tstart_epoch_ms\tend_epoch_ms"));
			boolean clean = true;
			List<Setup> reversed = new ArrayList<>(setups);
			Collections.reverse(reversed);
			for (int round = 1; round <= rounds; round++) {
				// With --alternate, even rounds run the setups in reverse order: the orchestrator
				// slows as tasks pile up in its memory, and this spreads that drift over all setups.
				for (Setup setup : (alternate && round % 2 == 0) ? reversed : setups) {
					log("round " + round + "/" + rounds + ": " + setup.name());
					Measured measured = runLoadTool(cluster.endpoint(), setup, timeout, account, loadArgs);
					results.get(setup.name()).add(measured.result());
					if (measured.start() != null && measured.end() != null) {
						try (java.sql.Connection connection = cluster.connectToRunDatabase()) {
							timelines.get(setup.name()).add(EventTimes.read(connection, measured.start(), measured.end()));
						}
						catch (SQLException ex) {
							log("could not read the orchestrator's events: " + ex.getMessage());
						}
					}
					if (measured.usage() != null) {
						usage.get(setup.name()).add(measured.usage());
						windows.add(setup.name() + "\t" + round + "\t" + measured.start().toEpochMilli() + "\t"
								+ measured.end().toEpochMilli());
					}
					clean &= measured.result().clean();
				}
				if (upstreamRequests > 0) {
					log("round " + round + "/" + rounds + ": upstream benchmark, CreateTask only");
					upstream.add(runUpstream(bin, adminUrl, logs.resolve("upstream-" + round), upstreamRequests,
							concurrency));
				}
			}
			Files.write(logs.resolve("measured-windows.tsv"), windows);
			String report = report(args, setups, results, loadBefore, loadAverage())
					+ timelineReport(setups, results, timelines) + cpuReport(setups, results, usage)
					+ upstreamReport(setups, results, upstream);
			MachineInfo.publish(logs.resolve("results.md"), report);
			return clean ? 0 : 1;
		}
		finally {
			cluster.closeAndDropHook(hook);
		}
	}

	static void startShepherd(LocalCluster cluster, String group, int maxConcurrency, Path bin, Path launcher)
			throws IOException {
		startShepherd(cluster, group, maxConcurrency, bin, launcher, List.of());
	}

	static void startShepherd(LocalCluster cluster, String group, int maxConcurrency, Path bin, Path launcher,
			List<String> javaShepherdJvmArgs) throws IOException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		switch (group) {
			case Setup.JAVA_SHEPHERD -> {
				List<String> command = new ArrayList<>(List.of(java));
				command.addAll(javaShepherdJvmArgs);
				// A -cp among the JVM options runs another build's shepherd, as a baseline.
				if (!javaShepherdJvmArgs.contains("-cp") && !javaShepherdJvmArgs.contains("-classpath")) {
					command.addAll(List.of("-cp", absoluteClassPath()));
				}
				command.addAll(List.of("io.azolla.bench.worker.BenchWorkerApplication",
						"--azolla.client.endpoint=" + cluster.endpoint(), "--azolla.worker.shepherd-group=" + group,
						"--azolla.worker.max-concurrency=" + maxConcurrency, "--azolla.worker.shutdown-timeout=5s"));
				cluster.launch(command, Map.of(), "shepherd-" + group);
				log("started the Java in-process shepherd (Spring Boot app with the starter), group " + group
						+ ", max concurrency " + maxConcurrency);
			}
			case Setup.NULL_SHEPHERD -> {
				Process process = cluster.launch(List.of(java, "-cp", absoluteClassPath(), NullShepherd.class.getName(),
						"--endpoint", cluster.endpoint(), "--group", group, "--max-concurrency",
						String.valueOf(maxConcurrency)), Map.of(), "shepherd-" + group);
				log("started the bench-only null shepherd (answers every task with a success at once, runs nothing), "
						+ "group " + group + ", max concurrency " + maxConcurrency + ", pid " + process.pid());
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

	private static Measured runLoadTool(String endpoint, Setup setup, Duration timeout, CpuAccount account,
			List<String> loadArgs) throws IOException, InterruptedException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-cp", absoluteClassPath(), LoadTool.class.getName(),
				"--endpoint", endpoint, "--tasks", String.valueOf(setup.tasks()), "--concurrency",
				String.valueOf(setup.concurrency()), "--max-in-flight", String.valueOf(setup.maxInFlight()), "--task",
				setup.task(), "--args", setup.argsJson(), "--group", setup.group(), "--warmup", String.valueOf(setup.warmup()), "--timeout",
				String.valueOf(timeout.toSeconds()), "--label", setup.name()));
		command.addAll(loadArgs);
		CpuAccount.Snapshot[] snapshots = new CpuAccount.Snapshot[2];
		Instant[] times = new Instant[2];
		LoadResult result = runForResult(command, setup.name(),
				(process) -> account.track(CpuAccount.LOAD_TOOL, process.pid(), true), (line) -> {
					if (line.equals(LoadTool.MEASURE_START)) {
						times[0] = Instant.now();
						snapshots[0] = account.take();
					}
					else if (line.equals(LoadTool.MEASURE_END)) {
						snapshots[1] = account.take();
						times[1] = Instant.now();
					}
				});
		account.untrack(CpuAccount.LOAD_TOOL);
		CpuAccount.Usage usage = (snapshots[0] != null && snapshots[1] != null)
				? CpuAccount.between(snapshots[0], snapshots[1]) : null;
		return new Measured(result, usage, times[0], times[1]);
	}

	/**
	 * Runs upstream's own load tool ({@code benchmark}: CreateTask calls only, nothing runs
	 * them, all in domain {@code domain_0}) against an orchestrator of its own on a fresh
	 * database, started for this round and stopped after it. It cannot share the measured
	 * orchestrator: once a second domain exists, the orchestrator may hand a TaskResult to
	 * that domain's scheduler, which drops it (protocol §5.8), and the measured tasks hang.
	 */
	private static Upstream runUpstream(Path bin, URI adminUrl, Path logs, int requests, int concurrency)
			throws IOException, InterruptedException, SQLException {
		try (LocalCluster own = new LocalCluster(bin, adminUrl, logs)) {
			own.start();
			CpuAccount account = new CpuAccount(own.database());
			own.processes().forEach((name, process) -> account.track(name, process.pid(), false));
			return runUpstream(bin, own.endpoint(), requests, concurrency, account);
		}
	}

	private static Upstream runUpstream(Path bin, String endpoint, int requests, int concurrency, CpuAccount account)
			throws IOException, InterruptedException {
		Path tool = bin.resolve("benchmark");
		if (!Files.isExecutable(tool)) {
			throw new IllegalArgumentException(tool + " is missing; drop --upstream-requests");
		}
		List<String> command = List.of(tool.toString(), "--server", endpoint, "--requests", String.valueOf(requests),
				"--concurrency", String.valueOf(concurrency), "--domains", "1");
		double childrenBefore = CpuAccount.waitedChildrenSeconds();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CpuAccount.Snapshot before = account.take();
		CpuAccount.Snapshot after = null;
		double throughput = Double.NaN;
		double seconds = Double.NaN;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				System.out.println("    | " + line);
				if (after == null && line.contains("Benchmark Results")) {
					// Printed once all requests are done, while the process still lives.
					after = account.take();
				}
				if (line.startsWith("Throughput:")) {
					throughput = Double.parseDouble(line.replaceAll("[^0-9.]", ""));
				}
				if (line.startsWith("Duration:")) {
					seconds = Double.parseDouble(line.replaceAll("[^0-9.]", ""));
				}
			}
		}
		finally {
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		if (Double.isNaN(throughput)) {
			throw new IllegalStateException("upstream's benchmark printed no throughput (exit " + process.exitValue() + ")");
		}
		// The tool has exited by the second snapshot; its CPU comes from this process's
		// waited-for children (nothing else of the driver's ends meanwhile).
		CpuAccount.Usage usage = (after != null) ? CpuAccount.attribute(CpuAccount.between(before, after),
				CpuAccount.LOAD_TOOL, CpuAccount.waitedChildrenSeconds() - childrenBefore) : null;
		return new Upstream(requests, throughput, seconds, usage);
	}

	/**
	 * Runs a load process (the Java load tool or the Python one), echoes its output and reads
	 * the {@code RESULT} line it prints.
	 */
	static LoadResult runForResult(List<String> command, String name) throws IOException, InterruptedException {
		return runForResult(command, name, (process) -> {
		}, (line) -> {
		});
	}

	/**
	 * Runs a load process, tells {@code started} its process and {@code lines} each line it
	 * prints (before echoing it), and reads the {@code RESULT} line.
	 */
	static LoadResult runForResult(List<String> command, String name, Consumer<Process> started,
			Consumer<String> lines) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		started.accept(process);
		LoadResult result = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				lines.accept(line);
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
		List<String> defaults = List.of(Setup.JAVA_SHEPHERD, Setup.RUST_WORKER, Setup.JAVA_LAUNCHER);
		List<String> all = List.of(Setup.JAVA_SHEPHERD, Setup.RUST_WORKER, Setup.JAVA_LAUNCHER, Setup.NULL_SHEPHERD);
		String wanted = options.text("setups", null);
		if (wanted == null) {
			return new LinkedHashSet<>(defaults);
		}
		Set<String> chosen = new LinkedHashSet<>(Arrays.asList(wanted.split(",")));
		if (!all.containsAll(chosen)) {
			throw new IllegalArgumentException("--setups takes a comma-separated subset of " + String.join(",", all));
		}
		return chosen;
	}

	private static Set<String> profiles(Options options) {
		Set<String> chosen = new LinkedHashSet<>(Arrays.asList(options.text("profiles", "closed,saturated").split(",")));
		if (!Set.of("closed", "saturated").containsAll(chosen)) {
			throw new IllegalArgumentException("--profiles takes closed, saturated or both");
		}
		return chosen;
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
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
		StringBuilder md = MachineInfo.reportHeader("End-to-end load", args, loadBefore, loadAfter);
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

	/**
	 * The orchestrator's own dispatch delay (created to attempt started, from its events table)
	 * next to the client's end-to-end time, medians over rounds.
	 */
	static String timelineReport(List<Setup> setups, Map<String, List<LoadResult>> results,
			Map<String, List<EventTimes>> timelines) {
		StringBuilder md = new StringBuilder();
		md.append("\n### The orchestrator's timeline (its `events` table) against the client's\n\n");
		md.append("| setup | tasks dispatched | created → attempt started p50 | p90 | p99 | client e2e p50 "
				+ "| e2e p50 − dispatch p50 | events per task |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Setup setup : setups) {
			List<EventTimes> runs = timelines.get(setup.name());
			if (runs.isEmpty()) {
				continue;
			}
			double dispatch = medianOf(runs, EventTimes::dispatchP50);
			double endToEnd = median(results.get(setup.name()), (r) -> r.endToEnd().p50());
			md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f |\n",
					setup.name(), medianOf(runs, (run) -> (double) run.tasks()), dispatch,
					medianOf(runs, EventTimes::dispatchP90), medianOf(runs, EventTimes::dispatchP99), endToEnd,
					endToEnd - dispatch, medianOf(runs, EventTimes::eventsPerTask)));
		}
		return md.toString();
	}

	/**
	 * Where the CPU went during the measured phases: per process group, then per thread of the
	 * Java processes, as CPU milliseconds per task (median over rounds).
	 */
	static String cpuReport(List<Setup> setups, Map<String, List<LoadResult>> results,
			Map<String, List<CpuAccount.Usage>> usage) {
		StringBuilder md = new StringBuilder();
		md.append("\n### CPU per process during the measured phase\n\n");
		md.append("CPU milliseconds per task, median over rounds (from `/proc/<pid>/stat` utime+stime, children a "
				+ "process waited for included; machine figures from `/proc/stat`).\n\n");
		Set<String> groups = new LinkedHashSet<>();
		usage.values().forEach((runs) -> runs.forEach((run) -> groups.addAll(run.seconds().keySet())));
		md.append("| setup | wall s | machine busy % of ").append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs | ").append(String.join(" | ", groups)).append(" | all |\n");
		md.append("|---|---:|---:|").append("---:|".repeat(groups.size() + 1)).append("\n");
		for (Setup setup : setups) {
			List<CpuAccount.Usage> runs = usage.get(setup.name());
			List<LoadResult> loads = results.get(setup.name());
			if (runs.isEmpty()) {
				continue;
			}
			md.append("| ").append(setup.name()).append(" | ");
			md.append(String.format(Locale.ROOT, "%.2f | %.0f %%", medianOf(runs, CpuAccount.Usage::wallSeconds),
					medianOf(runs, (run) -> 100 * run.busySeconds() / run.capacitySeconds())));
			for (String group : groups) {
				md.append(String.format(Locale.ROOT, " | %.2f", perTask(runs, loads, (run) -> run.seconds().getOrDefault(group, 0.0))));
			}
			md.append(String.format(Locale.ROOT, " | %.2f |\n", perTask(runs, loads, CpuAccount.Usage::busySeconds)));
		}
		md.append("\n### CPU per thread of the Java processes (ms per task, median over rounds)\n");
		for (Setup setup : setups) {
			List<CpuAccount.Usage> runs = usage.get(setup.name());
			List<LoadResult> loads = results.get(setup.name());
			if (runs.isEmpty()) {
				continue;
			}
			Map<String, Set<String>> threadNames = new LinkedHashMap<>();
			runs.forEach((run) -> run.threads()
				.forEach((process, byName) -> threadNames.computeIfAbsent(process, (key) -> new LinkedHashSet<>())
					.addAll(byName.keySet())));
			for (Map.Entry<String, Set<String>> process : threadNames.entrySet()) {
				if (process.getKey().startsWith("shepherd ") && !process.getKey().equals("shepherd " + setup.group())) {
					continue;
				}
				md.append("\n").append(setup.name()).append(", ").append(process.getKey()).append(":\n\n");
				md.append("| thread (digits as N) | CPU ms per task |\n|---|---:|\n");
				Map<String, Double> perThread = new LinkedHashMap<>();
				for (String thread : process.getValue()) {
					perThread.put(thread, perTask(runs, loads,
							(run) -> run.threads().getOrDefault(process.getKey(), Map.of()).getOrDefault(thread, 0.0)));
				}
				perThread.entrySet()
					.stream()
					.filter((entry) -> entry.getValue() >= 0.005)
					.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
					.forEach((entry) -> md.append(String.format(Locale.ROOT, "| `%s` | %.2f |\n", entry.getKey(),
							entry.getValue())));
			}
		}
		return md.toString();
	}

	/**
	 * Upstream's CreateTask-only figure and every saturated setup against it and against the
	 * null shepherd, within each round.
	 */
	static String upstreamReport(List<Setup> setups, Map<String, List<LoadResult>> results, List<Upstream> upstream) {
		StringBuilder md = new StringBuilder();
		List<LoadResult> ceiling = results.get(Setup.NULL_SHEPHERD + " saturated");
		if (ceiling == null && upstream.isEmpty()) {
			return "";
		}
		md.append("\n### Against the ceilings (ratios within each round, median (min–max))\n\n");
		if (!upstream.isEmpty()) {
			double[] rates = upstream.stream().mapToDouble(Upstream::throughput).sorted().toArray();
			md.append(String.format(Locale.ROOT,
					"Upstream `benchmark` (CreateTask only, %d requests, %d connections, domain_0, against an "
							+ "orchestrator of its own on a fresh database, started for each round): median %.0f "
							+ "requests/s (%.0f–%.0f) over %d rounds; per round: %s.\n\n",
					upstream.get(0).requests(), setups.get(0).concurrency(), median(rates), rates[0],
					rates[rates.length - 1], rates.length, upstream.stream()
						.map((run) -> String.format(Locale.ROOT, "%.0f", run.throughput()))
						.collect(Collectors.joining(", "))));
			List<CpuAccount.Usage> runs = upstream.stream().map(Upstream::usage).filter((run) -> run != null).toList();
			if (!runs.isEmpty()) {
				md.append("CPU ms per CreateTask during it (median over rounds): ");
				md.append(runs.get(0)
					.seconds()
					.keySet()
					.stream()
					.map((group) -> String.format(Locale.ROOT, "%s %.3f", group, medianOf(upstream.stream()
						.filter((run) -> run.usage() != null)
						.toList(), (run) -> 1000 * run.usage().seconds().getOrDefault(group, 0.0) / run.requests())))
					.collect(Collectors.joining("; ")));
				md.append(String.format(Locale.ROOT, "; machine busy %.0f %%.\n\n",
						medianOf(runs, (run) -> 100 * run.busySeconds() / run.capacitySeconds())));
			}
		}
		md.append("| ratio | throughput |\n|---|---:|\n");
		for (Setup setup : setups) {
			if (!setup.name().endsWith("saturated")) {
				continue;
			}
			List<LoadResult> runs = results.get(setup.name());
			if (ceiling != null && !setup.group().equals(Setup.NULL_SHEPHERD)) {
				md.append("| ").append(setup.name()).append(" / ").append(Setup.NULL_SHEPHERD).append(" saturated | ")
					.append(ratio(runs, ceiling, LoadResult::throughput)).append(" |\n");
			}
			if (!upstream.isEmpty()) {
				int rounds = Math.min(runs.size(), upstream.size());
				double[] ratios = new double[rounds];
				for (int i = 0; i < rounds; i++) {
					ratios[i] = runs.get(i).throughput() / upstream.get(i).throughput();
				}
				Arrays.sort(ratios);
				md.append("| ").append(setup.name()).append(" / upstream CreateTask only | ")
					.append(String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(ratios), ratios[0], ratios[rounds - 1]))
					.append(" |\n");
			}
		}
		return md.toString();
	}

	private static double perTask(List<CpuAccount.Usage> runs, List<LoadResult> loads,
			ToDoubleFunction<CpuAccount.Usage> seconds) {
		int rounds = Math.min(runs.size(), loads.size());
		double[] values = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			values[i] = 1000 * seconds.applyAsDouble(runs.get(i)) / Math.max(1, loads.get(i).succeeded());
		}
		Arrays.sort(values);
		return median(values);
	}

	private static <T> double medianOf(List<T> runs, ToDoubleFunction<T> metric) {
		return median(runs.stream().mapToDouble(metric).sorted().toArray());
	}

	/** One load run with the CPU its processes used in its measured phase. */
	record Measured(LoadResult result, CpuAccount.Usage usage, Instant start, Instant end) {
	}

	/** One run of upstream's {@code benchmark}. */
	record Upstream(int requests, double throughput, double seconds, CpuAccount.Usage usage) {
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
				  --setups LIST              java-shepherd,rust-worker,java-launcher (the default),
				                             null-shepherd (saturated only; opt-in)
				  --rounds R                 rounds over all setups (3)
				  --tasks N --concurrency C --warmup W
				                             java-shepherd and rust-worker load (2000, 8, 200)
				  --saturation-in-flight K   unfinished tasks allowed in the saturated runs (256)
				  --max-concurrency M        java-shepherd and rust-worker shepherd slots (C)
				  --launcher-tasks N --launcher-concurrency C --launcher-warmup W
				                             java-launcher load (40, 4, 4)
				  --launcher-max-concurrency M  java-launcher shepherd slots (launcher C)
				  --timeout SECONDS          longest wait for one result (120)
				  --profiles LIST            closed,saturated (both); the launcher has only closed
				  --null-max-concurrency M   slots the null-shepherd announces (256)
				  --upstream-requests N      after each round, run $AZOLLA_HOME/benchmark (CreateTask only)
				                             with N requests and C connections in domain_0 (0: skip)
				  --synchronous-commit V     set the run database's synchronous_commit (PostgreSQL's default)
				  --load-args "..."          more LoadTool options, such as "--wait long-poll" (none)
				  --alternate true           even rounds run the setups in reverse order (false)
				  --shepherd-jvm-args "..."  JVM options for the Java in-process shepherd, e.g. a
				                             -XX:StartFlightRecording=... (none)
				                             (with -cp PATH: another build of it, as a baseline)
				  --logs DIR                 process logs and results.md (benchmarks/target/bench-logs)""";
	}

}
