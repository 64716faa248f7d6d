package io.azolla.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures scale-out of the Java in-process shepherd: one replica against several replicas of
 * the same application (each its own JVM, {@code BenchWorkerApplication}) in one shepherd group,
 * side by side in one run against one orchestrator.
 * <p>
 * Every layout ({@code --layouts}, such as {@code 1x8,3x8}: replicas × slots each) gets its own
 * shepherd group, and all replicas stay up for the whole run. Each round runs the
 * {@link LoadTool} once per layout in a fresh JVM (in reverse order in even rounds) with the
 * no-op task {@code replica}, which answers with the name of the replica that ran it, so the
 * load tool's tally gives each replica's share; with {@code --task-millis M} the task is
 * {@code replica-sleep}, which holds its slot M ms first, so the replicas' slots bound the
 * throughput (replicas × slots × 1000 / M tasks/s) rather than the machine's CPU. During each measured phase the driver reads
 * the CPU time of the orchestrator, PostgreSQL, every replica, the load tool and the whole
 * machine from {@code /proc}, to show what bounds the throughput. It prints the medians over
 * rounds and the ratios within rounds as Markdown and stops everything it started.
 */
public final class ScaleOutDriver {

	private static final Set<String> OPTIONS = Set.of("azolla-home", "database-url", "rounds", "tasks", "warmup",
			"concurrency", "max-in-flight", "layouts", "logs", "timeout", "task-millis");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ScaleOutDriver() {
	}

	/**
	 * Runs the driver.
	 * @param args the options, see {@link #usage()}
	 * @throws Exception if the cluster cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parseOrExit(args, OPTIONS, "scale-out", ScaleOutDriver::usage);
		System.exit(run(options, args));
	}

	/**
	 * Replicas × slots, and the shepherd group they serve.
	 */
	record Layout(String name, int replicas, int slots) {

		String group() {
			return "replicas-" + this.name;
		}

		String replicaName(int index) {
			return this.name + "-r" + index;
		}

		static Layout parse(String text) {
			String[] parts = text.trim().split("x");
			if (parts.length != 2) {
				throw new IllegalArgumentException("--layouts takes REPLICASxSLOTS items such as 1x8,3x8 (was " + text + ")");
			}
			int replicas = Integer.parseInt(parts[0]);
			int slots = Integer.parseInt(parts[1]);
			if (replicas < 1 || slots < 1) {
				throw new IllegalArgumentException("--layouts needs at least one replica and one slot (was " + text + ")");
			}
			return new Layout(text.trim(), replicas, slots);
		}

	}

	/**
	 * One load-tool run of one layout: its result, the tasks per replica, and the CPU seconds
	 * each process used during the measured phase.
	 */
	record Run(Layout layout, LoadResult result, Map<String, Integer> tally, double wallSeconds,
			Map<String, Double> cpuSeconds, double machineBusySeconds, double machineSeconds, String loadAverage) {

		/** Each replica's share of the succeeded tasks, replicas that got none included. */
		List<Double> shares() {
			List<Double> shares = new ArrayList<>();
			for (int i = 1; i <= this.layout.replicas(); i++) {
				int count = this.tally.getOrDefault(this.layout.replicaName(i), 0);
				shares.add((this.result.succeeded() > 0) ? count / (double) this.result.succeeded() : 0);
			}
			return shares;
		}

		double minShare() {
			return Collections.min(shares());
		}

		double maxShare() {
			return Collections.max(shares());
		}

		/** Cores a process (or group) used on average: CPU seconds per wall second. */
		double cores(String what) {
			return this.cpuSeconds.getOrDefault(what, 0.0) / this.wallSeconds;
		}

		double machineCores() {
			return this.machineBusySeconds / this.wallSeconds;
		}

		double machineBusyFraction() {
			return (this.machineSeconds > 0) ? this.machineBusySeconds / this.machineSeconds : 0;
		}

	}

	private static int run(Options options, String[] args) throws Exception {
		Path bin = BenchDriver.binaries(options.text("azolla-home", System.getenv("AZOLLA_HOME")));
		int rounds = options.integer("rounds", 3, 1);
		int tasks = options.integer("tasks", 2000, 1);
		int warmup = options.integer("warmup", 200, 0);
		int concurrency = options.integer("concurrency", 8, 1);
		int maxInFlight = options.integer("max-in-flight", 256, concurrency);
		int taskMillis = options.integer("task-millis", 0, 0);
		Duration timeout = options.duration("timeout", Duration.ofSeconds(120));
		List<Layout> layouts = Arrays.stream(options.text("layouts", "1x8,3x8").split(",")).map(Layout::parse).toList();
		Path logs = Paths.get(options.text("logs", "benchmarks/target/scale-out"));
		URI adminUrl = LocalCluster.adminUrl(options);
		String loadBefore = BenchDriver.loadAverage();
		LocalCluster cluster = new LocalCluster(bin, adminUrl, logs);
		Thread hook = cluster.closeOnExit("scale-out-cleanup");
		try {
			cluster.start();
			log("orchestrator on " + cluster.endpoint() + ", logs in " + logs.toAbsolutePath());
			Map<String, Long> replicaPids = new LinkedHashMap<>();
			for (Layout layout : layouts) {
				for (int i = 1; i <= layout.replicas(); i++) {
					replicaPids.put(layout.replicaName(i), startReplica(cluster, layout, i).pid());
				}
				log("started " + layout.replicas() + " replica(s) with " + layout.slots() + " slots each, group "
						+ layout.group());
			}
			for (Layout layout : layouts) {
				awaitEveryReplica(cluster, layout, timeout);
			}
			long orchestratorPid = ProcessHandle.current()
				.descendants()
				.filter((process) -> process.info().command().map((c) -> c.endsWith("/azolla-orchestrator")).orElse(false))
				.findFirst()
				.orElseThrow()
				.pid();
			Map<String, List<Run>> runs = new LinkedHashMap<>();
			layouts.forEach((layout) -> runs.put(layout.name(), new ArrayList<>()));
			boolean clean = true;
			for (int round = 1; round <= rounds; round++) {
				List<Layout> order = new ArrayList<>(layouts);
				if (round % 2 == 0) {
					Collections.reverse(order);
				}
				for (Layout layout : order) {
					log("round " + round + "/" + rounds + ": " + layout.name());
					Run run = runLoad(cluster.endpoint(), layout, tasks, warmup, concurrency, maxInFlight, taskMillis,
							timeout, orchestratorPid, replicaPids);
					runs.get(layout.name()).add(run);
					clean &= run.result().clean();
				}
			}
			String report = report(args, layouts, runs, taskMillis, loadBefore, BenchDriver.loadAverage());
			MachineInfo.publish(logs.resolve("scale-out-results.md"), report);
			return clean ? 0 : 1;
		}
		finally {
			cluster.closeAndDropHook(hook);
		}
	}

	private static Process startReplica(LocalCluster cluster, Layout layout, int index) throws IOException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		return cluster.launch(List.of(java, "-cp", BenchDriver.absoluteClassPath(),
				"io.azolla.bench.worker.BenchWorkerApplication", "--azolla.client.endpoint=" + cluster.endpoint(),
				"--azolla.worker.shepherd-group=" + layout.group(), "--azolla.worker.max-concurrency=" + layout.slots(),
				"--azolla.worker.shutdown-timeout=5s", "--bench.replica=" + layout.replicaName(index)), Map.of(),
				"replica-" + layout.replicaName(index));
	}

	/**
	 * Runs small batches through a layout until every replica has answered, so no replica is
	 * still starting when the first round is measured.
	 */
	private static void awaitEveryReplica(LocalCluster cluster, Layout layout, Duration timeout) throws Exception {
		URI uri = URI.create(cluster.endpoint());
		ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
		Set<String> expected = new TreeSet<>();
		for (int i = 1; i <= layout.replicas(); i++) {
			expected.add(layout.replicaName(i));
		}
		Set<String> seen = new TreeSet<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		try (GrpcAzollaClient client = new GrpcAzollaClient(channel, AzollaClientSettings.defaults(),
				TaskDefaults.of(RetryPolicy.none()), MAPPER)) {
			while (!seen.containsAll(expected)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("replicas " + expected + " did not all answer within " + timeout
							+ "; answered: " + seen);
				}
				cluster.requireAllAlive();
				List<CompletableFuture<TaskResult>> answers = new ArrayList<>();
				for (int i = 0; i < 4 * layout.replicas(); i++) {
					answers.add(client.submitTask("replica").argsJson("[]").shepherdGroup(layout.group()).submit()
						.resultAsync(timeout));
				}
				for (CompletableFuture<TaskResult> answer : answers) {
					TaskResult result = answer.get(timeout.toSeconds(), TimeUnit.SECONDS);
					if (!result.isSuccess()) {
						throw new IllegalStateException(layout.group() + " answered with "
								+ result.failure().orElseThrow().type());
					}
					seen.add(result.valueAs(String.class));
				}
			}
		}
		finally {
			channel.shutdownNow();
		}
		log(layout.group() + ": every replica answers " + seen);
	}

	/**
	 * The task a layout run submits and its arguments: the no-op {@code replica}, or
	 * {@code replica-sleep} holding its slot for {@code taskMillis} first.
	 */
	static List<String> taskArguments(int taskMillis) {
		return (taskMillis > 0) ? List.of("--task", "replica-sleep", "--args", "[" + taskMillis + "]")
				: List.of("--task", "replica", "--args", "[]");
	}

	private static Run runLoad(String endpoint, Layout layout, int tasks, int warmup, int concurrency, int maxInFlight,
			int taskMillis, Duration timeout, long orchestratorPid, Map<String, Long> replicaPids)
			throws IOException, InterruptedException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-cp", BenchDriver.absoluteClassPath(),
				LoadTool.class.getName(), "--endpoint", endpoint, "--tasks", String.valueOf(tasks), "--concurrency",
				String.valueOf(concurrency), "--max-in-flight", String.valueOf(maxInFlight)));
		command.addAll(taskArguments(taskMillis));
		command.addAll(List.of("--group",
				layout.group(), "--warmup", String.valueOf(warmup), "--timeout", String.valueOf(timeout.toSeconds()),
				"--label", layout.name(), "--tally", "true"));
		String loadAverage = BenchDriver.loadAverage();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		LoadResult result = null;
		Map<String, Integer> tally = Map.of();
		Snapshot before = null;
		Snapshot after = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				System.out.println("    | " + line);
				// The measured phase starts after the warm-up line (or the header without one)
				// and ends with the summary line, which the tool prints before it exits.
				if ((line.startsWith("warm-up:") || (warmup == 0 && line.startsWith("load:"))) && before == null) {
					before = Snapshot.take(orchestratorPid, replicaPids, process.pid());
				}
				else if (line.startsWith("succeeded ") && after == null) {
					after = Snapshot.take(orchestratorPid, replicaPids, process.pid());
				}
				else if (line.startsWith("RESULT ")) {
					result = MAPPER.readValue(line.substring("RESULT ".length()), LoadResult.class);
				}
				else if (line.startsWith("TALLY ")) {
					tally = MAPPER.readValue(line.substring("TALLY ".length()), new TypeReference<Map<String, Integer>>() {
					});
				}
			}
		}
		finally {
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		if (result == null || before == null || after == null) {
			throw new IllegalStateException("the load tool for " + layout.name() + " printed no result (exit "
					+ process.exitValue() + ")");
		}
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("orchestrator", after.delta(before, "orchestrator"));
		cpu.put("postgres", after.postgresDelta(before));
		cpu.put("load tool", after.delta(before, "load tool"));
		double measured = 0;
		double idle = 0;
		for (String replica : replicaPids.keySet()) {
			double seconds = after.delta(before, replica);
			cpu.put(replica, seconds);
			if (replica.startsWith(layout.name() + "-r")) {
				measured += seconds;
			}
			else {
				idle += seconds;
			}
		}
		cpu.put("replicas", measured);
		cpu.put("idle replicas", idle);
		return new Run(layout, result, tally, (after.nanos - before.nanos) / 1e9, cpu,
				after.machineBusy - before.machineBusy, after.machineTotal - before.machineTotal, loadAverage);
	}

	/**
	 * CPU seconds used so far by the processes of interest and the machine, at one instant.
	 */
	private record Snapshot(long nanos, Map<String, Double> processes, Map<Long, Double> postgres, double machineBusy,
			double machineTotal) {

		static Snapshot take(long orchestratorPid, Map<String, Long> replicaPids, long loadToolPid) {
			Map<String, Double> processes = new LinkedHashMap<>();
			ProcessCpu.seconds(orchestratorPid).ifPresent((s) -> processes.put("orchestrator", s));
			ProcessCpu.seconds(loadToolPid).ifPresent((s) -> processes.put("load tool", s));
			replicaPids.forEach((name, pid) -> ProcessCpu.seconds(pid).ifPresent((s) -> processes.put(name, s)));
			double[] machine = ProcessCpu.machine();
			return new Snapshot(System.nanoTime(), processes, ProcessCpu.secondsOfProgram("postgres"), machine[0],
					machine[1]);
		}

		double delta(Snapshot before, String what) {
			return this.processes.getOrDefault(what, 0.0) - before.processes.getOrDefault(what, 0.0);
		}

		/** PostgreSQL's processes: those that started meanwhile count from zero. */
		double postgresDelta(Snapshot before) {
			double total = 0;
			for (Map.Entry<Long, Double> entry : this.postgres.entrySet()) {
				total += entry.getValue() - before.postgres.getOrDefault(entry.getKey(), 0.0);
			}
			return total;
		}

	}

	/**
	 * The most tasks per second a layout's slots can run when every task holds its slot
	 * {@code taskMillis} ms; infinite for the no-op task.
	 */
	static double slotBound(Layout layout, int taskMillis) {
		return (taskMillis > 0) ? layout.replicas() * layout.slots() * 1000.0 / taskMillis : Double.POSITIVE_INFINITY;
	}

	static String report(String[] args, List<Layout> layouts, Map<String, List<Run>> runs, int taskMillis,
			String loadBefore, String loadAfter) {
		StringBuilder md = MachineInfo.reportHeader("Scale-out", args, loadBefore, loadAfter);
		md.append((taskMillis > 0)
				? "Task: `replica-sleep`, holds its slot " + taskMillis + " ms, then answers with the replica's name. "
						+ "*Slot bound* is replicas × slots × 1000 / " + taskMillis + " tasks/s, the most the layout's "
						+ "slots can run.\n\n"
				: "Task: `replica`, a no-op that answers with the replica's name.\n\n");
		md.append("| layout (replicas × slots) | N per round | rounds | throughput (tasks/s) | slot bound | of bound "
				+ "| e2e p50 | e2e p99 | smallest share | largest share | failed / lost |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Layout layout : layouts) {
			List<Run> list = runs.get(layout.name());
			double throughput = median(list, (r) -> r.result().throughput());
			double bound = slotBound(layout, taskMillis);
			md.append(String.format(Locale.ROOT,
					"| %s | %d | %d | %.1f | %s | %s | %.1f ms | %.1f ms | %.1f %% | %.1f %% | %d / %d |\n", layout.name(),
					list.get(0).result().tasks(), list.size(), throughput,
					Double.isInfinite(bound) ? "–" : String.format(Locale.ROOT, "%.0f", bound),
					Double.isInfinite(bound) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * throughput / bound),
					median(list, (r) -> r.result().endToEnd().p50()), median(list, (r) -> r.result().endToEnd().p99()),
					100 * median(list, Run::minShare), 100 * median(list, Run::maxShare),
					list.stream().mapToInt((r) -> r.result().failed()).sum(),
					list.stream().mapToInt((r) -> r.result().lost()).sum()));
		}
		md.append("\nMedians over rounds. A share is the fraction of a round's tasks one replica ran (1/replicas "
				+ "is even); the columns give the median over rounds of each round's smallest and largest share.\n");
		Layout base = layouts.get(0);
		md.append("\nThroughput ratios within each round, median (min–max) over rounds:\n\n| ratio | throughput | e2e p50 |\n"
				+ "|---|---:|---:|\n");
		for (Layout layout : layouts.subList(1, layouts.size())) {
			md.append("| ").append(layout.name()).append(" / ").append(base.name()).append(" | ")
				.append(ratio(runs.get(layout.name()), runs.get(base.name()), (r) -> r.result().throughput()))
				.append(" | ")
				.append(ratio(runs.get(layout.name()), runs.get(base.name()), (r) -> r.result().endToEnd().p50()))
				.append(" |\n");
		}
		md.append("\nCPU during the measured phase, in cores used (CPU seconds per wall second; the machine has ")
			.append(Runtime.getRuntime().availableProcessors())
			.append("), median over rounds. *Other* is the machine's busy time not accounted for by the listed "
					+ "processes (the kernel, other users of the machine).\n\n");
		md.append("| layout | machine busy | orchestrator | PostgreSQL | measured replicas | idle replicas | load tool "
				+ "| other |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Layout layout : layouts) {
			List<Run> list = runs.get(layout.name());
			md.append(String.format(Locale.ROOT, "| %s | %.2f (%.0f %%) | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
					layout.name(), median(list, Run::machineCores), 100 * median(list, Run::machineBusyFraction),
					median(list, (r) -> r.cores("orchestrator")), median(list, (r) -> r.cores("postgres")),
					median(list, (r) -> r.cores("replicas")), median(list, (r) -> r.cores("idle replicas")),
					median(list, (r) -> r.cores("load tool")),
					median(list, (r) -> r.machineCores() - r.cores("orchestrator") - r.cores("postgres")
							- r.cores("replicas") - r.cores("idle replicas") - r.cores("load tool"))));
		}
		md.append("\nPer round:\n\n| round | layout | load avg at start | throughput | e2e p50 | e2e p99 | seconds "
				+ "| tasks per replica | replica cores (each) |\n|---:|---|---|---:|---:|---:|---:|---|---|\n");
		int rounds = runs.values().stream().mapToInt(List::size).max().orElse(0);
		for (int round = 0; round < rounds; round++) {
			for (Layout layout : layouts) {
				List<Run> list = runs.get(layout.name());
				if (round >= list.size()) {
					continue;
				}
				Run r = list.get(round);
				List<String> counts = new ArrayList<>();
				List<String> cores = new ArrayList<>();
				for (int i = 1; i <= layout.replicas(); i++) {
					counts.add(String.valueOf(r.tally().getOrDefault(layout.replicaName(i), 0)));
					cores.add(String.format(Locale.ROOT, "%.2f", r.cores(layout.replicaName(i))));
				}
				md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %.1f | %.2f | %s | %s |\n", round + 1,
						layout.name(), r.loadAverage(), r.result().throughput(), r.result().endToEnd().p50(),
						r.result().endToEnd().p99(), r.result().seconds(), String.join(" / ", counts),
						String.join(" / ", cores)));
			}
		}
		Map<String, Integer> unexpected = new TreeMap<>();
		runs.values().forEach((list) -> list.forEach((r) -> r.tally().forEach((name, count) -> {
			if (!name.startsWith(r.layout().name() + "-r")) {
				unexpected.merge(name, count, Integer::sum);
			}
		})));
		if (!unexpected.isEmpty()) {
			md.append("\nResults from replicas outside the measured layout (a misrouted task): ").append(unexpected)
				.append('\n');
		}
		return md.toString();
	}

	private static String ratio(List<Run> runs, List<Run> baseline, ToDoubleFunction<Run> metric) {
		int rounds = Math.min(runs.size(), baseline.size());
		double[] ratios = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			ratios[i] = metric.applyAsDouble(runs.get(i)) / metric.applyAsDouble(baseline.get(i));
		}
		Arrays.sort(ratios);
		if (rounds == 0) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", BenchDriver.median(ratios), ratios[0], ratios[rounds - 1]);
	}

	private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
		return BenchDriver.median(runs.stream().mapToDouble(metric).sorted().toArray());
	}

	private static void log(String text) {
		System.out.println("[scale-out] " + text);
	}

	static String usage() {
		return """
				usage: AZOLLA_HOME=... java -cp azolla-benchmarks.jar io.azolla.bench.load.ScaleOutDriver [options]
				  --azolla-home DIR      orchestrator, shepherd and worker binaries ($AZOLLA_HOME)
				  --database-url URL     PostgreSQL admin URL ($AZOLLA_BENCH_DATABASE_URL or
				                         postgres://postgres:postgres@127.0.0.1:5432/postgres)
				  --layouts LIST         replicas x slots per layout, compared with the first (1x8,3x8)
				  --rounds R             rounds over all layouts, reversed in even rounds (3)
				  --tasks N --warmup W   measured and warm-up tasks per run (2000, 200)
				  --concurrency C        submitters (8)
				  --max-in-flight K      most unfinished tasks (256)
				  --task-millis M        each task sleeps M ms in its slot (replica-sleep), so the
				                         slots bound throughput; 0 runs the no-op replica (0)
				  --timeout SECONDS      longest wait for one result (120)
				  --logs DIR             process logs and scale-out-results.md (benchmarks/target/scale-out)""";
	}

}
