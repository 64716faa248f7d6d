package io.azolla.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Measures what many concurrently sleeping tasks cost the Java in-process shepherd in memory,
 * on virtual threads ({@code spring.threads.virtual.enabled=true}) and on platform threads, side
 * by side in one run against one real orchestrator.
 * <p>
 * For every setup ({@code --setups}, such as {@code virtual:10000,platform:1000}: thread kind
 * and number of tasks, which is also the shepherd's {@code azolla.worker.max-concurrency}) and
 * round, it starts a fresh {@code io.azolla.bench.worker.MemoryProbe} JVM (the benchmark
 * application with a probe of its own memory) with {@code --worker-java}, warms it up with
 * short tasks, measures the heap used after full GCs (the baseline), submits the tasks (each
 * sleeping long enough for all to be running at once) with the {@link LoadTool} in another
 * JVM, waits until all run at once, measures again (the peak), and checks that every task
 * then succeeded. It prints the extra heap per setup and per task, the thread counts, the
 * resident set size and the threads' native memory, as Markdown.
 */
public final class MemoryDriver {

	private static final Set<String> OPTIONS = Set.of("azolla-home", "database-url", "rounds", "setups", "worker-java",
			"sleep-seconds", "warmup", "logs");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private MemoryDriver() {
	}

	/**
	 * Runs the driver.
	 * @param args the options, see {@link #usage()}
	 * @throws Exception if the cluster cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parseOrExit(args, OPTIONS, "memory", MemoryDriver::usage);
		System.exit(run(options, args));
	}

	/**
	 * A thread kind and a number of concurrent tasks.
	 */
	record Setup(String name, boolean virtual, int tasks) {

		static Setup parse(String text) {
			String[] parts = text.trim().split(":");
			if (parts.length != 2 || !(parts[0].equals("virtual") || parts[0].equals("platform"))) {
				throw new IllegalArgumentException("--setups takes virtual:N or platform:N items (was " + text + ")");
			}
			return new Setup(text.trim(), parts[0].equals("virtual"), Integer.parseInt(parts[1]));
		}

		String group() {
			return "memory-" + this.name.replace(':', '-');
		}

	}

	/**
	 * One setup's measurement in one round.
	 */
	record Run(Setup setup, Map<String, Number> baseline, Map<String, Number> peak, int reached, double secondsToPeak,
			LoadResult result, String loadAverage) {

		double figure(Map<String, Number> at, String key) {
			return at.getOrDefault(key, -1).doubleValue();
		}

		double extraHeapMb() {
			return (figure(this.peak, "heapUsedBytes") - figure(this.baseline, "heapUsedBytes")) / (1024.0 * 1024);
		}

		double heapPerTaskKb() {
			return (figure(this.peak, "heapUsedBytes") - figure(this.baseline, "heapUsedBytes")) / 1024.0 / this.reached;
		}

		double extraRssMb() {
			return (figure(this.peak, "rssKb") - figure(this.baseline, "rssKb")) / 1024.0;
		}

		double extraThreadNativeMb() {
			return (figure(this.peak, "nmtThreadCommittedKb") - figure(this.baseline, "nmtThreadCommittedKb")) / 1024.0;
		}

	}

	private static int run(Options options, String[] args) throws Exception {
		Path bin = BenchDriver.binaries(options.text("azolla-home", System.getenv("AZOLLA_HOME")));
		int rounds = options.integer("rounds", 3, 1);
		int warmup = options.integer("warmup", 500, 0);
		int sleepOption = options.integer("sleep-seconds", 0, 0);
		List<Setup> setups = Arrays.stream(options.text("setups", "virtual:10000,virtual:1000,platform:1000").split(","))
			.map(Setup::parse)
			.toList();
		String workerJava = options.text("worker-java",
				Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		Path logs = Paths.get(options.text("logs", "benchmarks/target/memory"));
		URI adminUrl = LocalCluster.adminUrl(options);
		String loadBefore = BenchDriver.loadAverage();
		String workerJavaVersion = javaVersion(workerJava);
		LocalCluster cluster = new LocalCluster(bin, adminUrl, logs);
		Thread hook = cluster.closeOnExit("memory-cleanup");
		try {
			cluster.start();
			log("orchestrator on " + cluster.endpoint() + ", logs in " + logs.toAbsolutePath() + "; worker JVM: "
					+ workerJavaVersion);
			Map<String, List<Run>> runs = new LinkedHashMap<>();
			setups.forEach((setup) -> runs.put(setup.name(), new ArrayList<>()));
			boolean clean = true;
			for (int round = 1; round <= rounds; round++) {
				for (Setup setup : setups) {
					// Long enough that the last task starts before the first ends: the orchestrator
					// dispatches a few hundred tasks per second on this kind of machine.
					int sleepSeconds = (sleepOption > 0) ? sleepOption : 20 + setup.tasks() / 200;
					log("round " + round + "/" + rounds + ": " + setup.name() + ", tasks sleeping " + sleepSeconds + " s");
					Run run = measure(cluster, setup, round, workerJava, warmup, sleepSeconds, logs);
					runs.get(setup.name()).add(run);
					clean &= run.result().clean() && run.reached() >= setup.tasks();
				}
			}
			String report = report(args, setups, runs, workerJavaVersion, loadBefore, BenchDriver.loadAverage());
			MachineInfo.publish(logs.resolve("memory-results.md"), report);
			return clean ? 0 : 1;
		}
		finally {
			cluster.closeAndDropHook(hook);
		}
	}

	private static Run measure(LocalCluster cluster, Setup setup, int round, String workerJava, int warmup,
			int sleepSeconds, Path logs) throws Exception {
		List<String> command = List.of(workerJava, "-XX:NativeMemoryTracking=summary", "-cp",
				BenchDriver.absoluteClassPath(), "io.azolla.bench.worker.MemoryProbe",
				"--azolla.client.endpoint=" + cluster.endpoint(), "--azolla.worker.shepherd-group=" + setup.group(),
				"--azolla.worker.max-concurrency=" + setup.tasks(), "--azolla.worker.status-interval=1s",
				"--azolla.worker.shutdown-timeout=10s", "--spring.threads.virtual.enabled=" + setup.virtual());
		Process probe = new ProcessBuilder(command).redirectError(
				ProcessBuilder.Redirect.appendTo(logs.resolve("probe-" + setup.group() + ".log").toFile())).start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// The probe ended.
			}
		}, "memory-probe-output");
		reader.setDaemon(true);
		reader.start();
		PrintWriter commands = new PrintWriter(probe.getOutputStream(), true, StandardCharsets.UTF_8);
		try {
			expect(lines, "READY", Duration.ofSeconds(90), probe);
			warmUp(cluster, setup, warmup);
			commands.println("MEASURE baseline");
			Map<String, Number> baseline = measured(expect(lines, "MEASURED baseline", Duration.ofSeconds(60), probe));
			log("  baseline " + baseline);
			String loadAverage = BenchDriver.loadAverage();
			CompletableFuture<LoadResult> load = CompletableFuture.supplyAsync(() -> {
				try {
					return BenchDriver.runForResult(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
							"-cp", BenchDriver.absoluteClassPath(), LoadTool.class.getName(), "--endpoint",
							cluster.endpoint(), "--tasks", String.valueOf(setup.tasks()), "--concurrency", "8",
							"--max-in-flight", String.valueOf(setup.tasks()), "--task", "sleep", "--args",
							"[" + sleepSeconds * 1000L + "]", "--group", setup.group(), "--warmup", "0", "--timeout",
							String.valueOf(sleepSeconds + 180), "--label", setup.name() + " round " + round),
							setup.name());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			commands.println("AWAIT " + setup.tasks() + " " + sleepSeconds);
			String[] reached = expect(lines, "REACHED", Duration.ofSeconds(sleepSeconds + 60), probe).split(" ");
			commands.println("MEASURE peak");
			Map<String, Number> peak = measured(expect(lines, "MEASURED peak", Duration.ofSeconds(120), probe));
			log("  peak " + peak + " (" + reached[1] + " running at once after " + reached[2] + " s)");
			LoadResult result = load.get(sleepSeconds + 300L, TimeUnit.SECONDS);
			return new Run(setup, baseline, peak, Integer.parseInt(reached[1]), Double.parseDouble(reached[2]), result,
					loadAverage);
		}
		finally {
			commands.println("EXIT");
			if (!probe.waitFor(30, TimeUnit.SECONDS)) {
				probe.destroyForcibly();
			}
		}
	}

	/**
	 * Runs short tasks through the probe so that what a task's first run loads and compiles is
	 * in the baseline, not in the peak.
	 */
	private static void warmUp(LocalCluster cluster, Setup setup, int warmup) throws Exception {
		URI uri = URI.create(cluster.endpoint());
		ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
		try (GrpcAzollaClient client = new GrpcAzollaClient(channel, AzollaClientSettings.defaults(),
				TaskDefaults.of(RetryPolicy.none()), MAPPER)) {
			List<CompletableFuture<TaskResult>> answers = new ArrayList<>();
			for (int i = 0; i < warmup; i++) {
				answers.add(client.submitTask("sleep").args(10).shepherdGroup(setup.group()).submit()
					.resultAsync(Duration.ofSeconds(120)));
			}
			for (CompletableFuture<TaskResult> answer : answers) {
				if (!answer.get(120, TimeUnit.SECONDS).isSuccess()) {
					throw new IllegalStateException("a warm-up task failed");
				}
			}
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static String expect(BlockingQueue<String> lines, String prefix, Duration timeout, Process probe)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String line = lines.poll(200, TimeUnit.MILLISECONDS);
			if (line != null) {
				if (line.startsWith(prefix)) {
					return line;
				}
				continue;
			}
			if (!probe.isAlive()) {
				throw new IllegalStateException("the memory probe exited with " + probe.exitValue() + " before " + prefix);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the memory probe did not answer " + prefix + " within " + timeout);
			}
		}
	}

	private static Map<String, Number> measured(String line) {
		String json = line.substring(line.indexOf('{'));
		return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Number>>() {
		});
	}

	private static String javaVersion(String java) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return text.lines().skip(1).findFirst().orElse(java).trim();
	}

	static String report(String[] args, List<Setup> setups, Map<String, List<Run>> runs, String workerJava,
			String loadBefore, String loadAfter) {
		StringBuilder md = MachineInfo.reportHeader("Memory of concurrently sleeping tasks", args, loadBefore,
				loadAfter, "Worker JVM: " + workerJava + ", default flags plus `-XX:NativeMemoryTracking=summary`");
		md.append("| setup | tasks at once (reached) | rounds | heap after GC, baseline | at peak | **extra heap** "
				+ "| extra heap per task | platform threads, baseline → peak | extra RSS | extra thread native memory (NMT) "
				+ "| s to peak | failed / lost |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Setup setup : setups) {
			List<Run> list = runs.get(setup.name());
			md.append(String.format(Locale.ROOT,
					"| %s | %d (%.0f) | %d | %.1f MB | %.1f MB | **%.1f MB** | %.2f KB | %.0f → %.0f | %.1f MB | %.1f MB "
							+ "| %.1f | %d / %d |\n",
					setup.name(), setup.tasks(), median(list, Run::reached), list.size(),
					median(list, (r) -> r.figure(r.baseline(), "heapUsedBytes") / 1048576.0),
					median(list, (r) -> r.figure(r.peak(), "heapUsedBytes") / 1048576.0), median(list, Run::extraHeapMb),
					median(list, Run::heapPerTaskKb), median(list, (r) -> r.figure(r.baseline(), "platformThreads")),
					median(list, (r) -> r.figure(r.peak(), "platformThreads")), median(list, Run::extraRssMb),
					median(list, Run::extraThreadNativeMb), median(list, Run::secondsToPeak),
					list.stream().mapToInt((r) -> r.result().failed()).sum(),
					list.stream().mapToInt((r) -> r.result().lost()).sum()));
		}
		md.append("\nMedians over rounds; MB = 2^20 bytes. Heap figures are `MemoryMXBean` heap used after three "
				+ "`System.gc()` calls, measured in the worker JVM; the peak is taken once the shepherd runs every task at "
				+ "once (its `running` count). RSS is `VmRSS`; thread native memory is NMT's committed `Thread` category.\n");
		md.append("\nPer round:\n\n| round | setup | load avg at start | reached | extra heap | per task | platform threads "
				+ "at peak | extra RSS | extra thread native | throughput of the sleeping run |\n"
				+ "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		int rounds = runs.values().stream().mapToInt(List::size).max().orElse(0);
		for (int round = 0; round < rounds; round++) {
			for (Setup setup : setups) {
				List<Run> list = runs.get(setup.name());
				if (round >= list.size()) {
					continue;
				}
				Run r = list.get(round);
				md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %.1f MB | %.2f KB | %.0f | %.1f MB | %.1f MB | %.1f |\n",
						round + 1, setup.name(), r.loadAverage(), r.reached(), r.extraHeapMb(), r.heapPerTaskKb(),
						r.figure(r.peak(), "platformThreads"), r.extraRssMb(), r.extraThreadNativeMb(),
						r.result().throughput()));
			}
		}
		return md.toString();
	}

	private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
		return BenchDriver.median(runs.stream().mapToDouble(metric).sorted().toArray());
	}

	private static void log(String text) {
		System.out.println("[memory] " + text);
	}

	static String usage() {
		return """
				usage: AZOLLA_HOME=... java -cp azolla-benchmarks.jar io.azolla.bench.load.MemoryDriver [options]
				  --azolla-home DIR      orchestrator, shepherd and worker binaries ($AZOLLA_HOME)
				  --database-url URL     PostgreSQL admin URL ($AZOLLA_BENCH_DATABASE_URL or
				                         postgres://postgres:postgres@127.0.0.1:5432/postgres)
				  --setups LIST          thread kind and tasks at once (virtual:10000,virtual:1000,platform:1000);
				                         virtual threads need JDK 21+ for the worker
				  --worker-java FILE     java for the worker (this JVM's)
				  --rounds R             rounds over all setups (3)
				  --sleep-seconds S      how long each task sleeps (20 + tasks / 200)
				  --warmup N             short tasks run before the baseline (500)
				  --logs DIR             process logs and memory-results.md (benchmarks/target/memory)""";
	}

}
