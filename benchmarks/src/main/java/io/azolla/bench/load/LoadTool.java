package io.azolla.bench.load;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.WaitSchedule;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits N tasks to a running orchestrator from C concurrent submitters and reports
 * throughput and latency percentiles.
 * <p>
 * A submitter creates a task, hands the wait to {@link TaskHandle#resultAsync(Duration)} and
 * goes on to the next as soon as fewer than {@code --max-in-flight} tasks are unfinished. With
 * the default, {@code max-in-flight = C}, each submitter is a closed loop with one task in
 * flight and the end-to-end latency is the service time under that concurrency. A larger
 * {@code max-in-flight} lets the submitters run ahead and measures how many tasks per second
 * the platform sustains; latency then includes the time tasks spend queued.
 * <p>
 * Tasks are created with no retries, so a failure shows as one. Exit status: 0 when every task
 * succeeded, 1 when any failed or was lost, 2 for bad options. Only loopback endpoints are
 * accepted; this is a tool for a local cluster.
 */
public final class LoadTool {

	private static final Set<String> OPTIONS = Set.of("endpoint", "tasks", "concurrency", "task", "args", "group",
			"warmup", "timeout", "max-duration", "label", "max-in-flight", "wait", "first-probe", "probe-growth",
			"probe-phase", "max-probe-rate", "max-open-waits", "remember-long-tasks", "tally");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Printed just before the measured phase starts. */
	static final String MEASURE_START = "MEASURE start";

	/** Printed just after the measured phase ended, before the results. */
	static final String MEASURE_END = "MEASURE end";

	private LoadTool() {
	}

	/**
	 * Runs the tool.
	 * @param args the options, see {@link #usage()}
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out));
	}

	static int run(String[] args, PrintStream out) {
		Settings settings;
		try {
			settings = Settings.of(Options.parse(args, OPTIONS));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("load: " + ex.getMessage());
			System.err.println(usage());
			return 2;
		}
		ManagedChannel channel = NettyChannelBuilder.forAddress(settings.host(), settings.port()).usePlaintext().build();
		AtomicLong waitCalls = new AtomicLong();
		try (GrpcAzollaClient client = new GrpcAzollaClient(countingWaits(channel, waitCalls),
				AzollaClientSettings.defaults().withWaitSchedule(settings.waitSchedule()), new GroupDefaults(settings.group()),
				MAPPER)) {
			TaskRequest request = client.submitTask(settings.task()).argsJson(settings.argsJson()).toRequest();
			out.printf(Locale.ROOT,
					"load: %s task=%s group=%s tasks=%d concurrency=%d max-in-flight=%d warmup=%d wait=%s %s endpoint=%s:%d%n",
					settings.label(), settings.task(), settings.group(), settings.tasks(), settings.concurrency(),
					settings.maxInFlight(), settings.warmup(), settings.waitName(), settings.waitSchedule(), settings.host(),
					settings.port());
			if (settings.warmup() > 0) {
				Phase warmup = new Phase(client, request, settings, settings.warmup()).run();
				out.printf(Locale.ROOT, "warm-up: %d succeeded, %d failed, %d lost in %.2f s%n", warmup.succeeded.get(),
						warmup.failed.get(), warmup.lost.get(), warmup.seconds);
				if (warmup.succeeded.get() == 0) {
					out.println("warm-up: no task succeeded" + warmup.firstProblem());
					return 1;
				}
			}
			waitCalls.set(0);
			// Markers for a driver that reads this output: it samples CPU counters on them.
			out.println(MEASURE_START);
			out.flush();
			Phase phase = new Phase(client, request, settings, settings.tasks()).run();
			out.println(MEASURE_END);
			out.flush();
			LoadResult result = phase.result(settings, waitCalls.get());
			print(out, result, phase.firstProblem());
			if (settings.tally()) {
				out.println("TALLY " + MAPPER.writeValueAsString(new java.util.TreeMap<>(phase.tally)));
			}
			return result.clean() ? 0 : 1;
		}
		catch (IllegalArgumentException ex) {
			System.err.println("load: " + ex.getMessage());
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			System.err.println("load: interrupted");
			return 1;
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static void print(PrintStream out, LoadResult result, String problem) {
		out.printf(Locale.ROOT, "succeeded %d, failed %d, lost %d of %d in %.2f s%s%n", result.succeeded(),
				result.failed(), result.lost(), result.tasks(), result.seconds(), problem);
		out.printf(Locale.ROOT, "throughput     %.1f tasks/s (end to end)%n", result.throughput());
		out.printf(Locale.ROOT, "submit ms      p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", result.submit().p50(),
				result.submit().p90(), result.submit().p99(), result.submit().max());
		out.printf(Locale.ROOT, "end-to-end ms  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", result.endToEnd().p50(),
				result.endToEnd().p90(), result.endToEnd().p99(), result.endToEnd().max());
		out.printf(Locale.ROOT, "wait calls     %d (%.2f per task, %s)%n", result.waitCalls(), result.waitCallsPerTask(),
				result.waitMode());
		out.println("RESULT " + MAPPER.writeValueAsString(result));
	}

	/**
	 * Counts the {@code WaitForTask} calls the client starts, probes and long polls alike.
	 */
	private static Channel countingWaits(Channel channel, AtomicLong waitCalls) {
		return ClientInterceptors.intercept(channel, new ClientInterceptor() {

			@Override
			public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
					Channel next) {
				if (method.getFullMethodName().equals(ClientServiceGrpc.getWaitForTaskMethod().getFullMethodName())) {
					waitCalls.incrementAndGet();
				}
				return next.newCall(method, options);
			}

		});
	}

	static String usage() {
		return """
				usage: java -cp azolla-benchmarks.jar io.azolla.bench.load.LoadTool [options]
				  --endpoint URL        orchestrator, loopback only (http://127.0.0.1:52710)
				  --tasks N             measured tasks (1000)
				  --concurrency C       concurrent submitters (8)
				  --max-in-flight K     most unfinished tasks at once, at least C (C: closed loop)
				  --task NAME           task name (echo)
				  --args JSON           positional arguments, a JSON array (["hello"])
				  --group G             shepherd group (the orchestrator's default group)
				  --warmup N            tasks run first and not measured (50)
				  --timeout SECONDS     longest wait for one result (120)
				  --max-duration SECONDS no task is started after this long (1800)
				  --label TEXT          name printed with the results (the task name)
				  --wait MODE           probes (the client's schedule) or long-poll (probes)
				  --first-probe MS --probe-growth X --probe-phase MS --max-probe-rate N --max-open-waits N
				  --remember-long-tasks true|false
				                        the probe schedule (the client's defaults)
				  --tally true          count the measured tasks' results by their string value and
				                        print the counts as a TALLY line (false)""";
	}

	/**
	 * The validated options.
	 */
	record Settings(String host, int port, int tasks, int concurrency, int maxInFlight, String task, String argsJson,
			String group, int warmup, Duration timeout, Duration maxDuration, String label, String waitName,
			WaitSchedule waitSchedule, boolean tally) {

		static Settings of(Options options) {
			URI endpoint = URI.create(options.text("endpoint", "http://127.0.0.1:52710"));
			String host = endpoint.getHost();
			if (host == null || endpoint.getPort() < 1) {
				throw new IllegalArgumentException("--endpoint needs a host and a port, such as http://127.0.0.1:52710");
			}
			requireLoopback(host);
			String task = options.text("task", "echo");
			int concurrency = options.integer("concurrency", 8, 1);
			return new Settings(host, endpoint.getPort(), options.integer("tasks", 1000, 1), concurrency,
					options.integer("max-in-flight", concurrency, concurrency), task, options.text("args", "[\"hello\"]"),
					options.text("group", null), options.integer("warmup", 50, 0),
					options.duration("timeout", Duration.ofSeconds(120)),
					options.duration("max-duration", Duration.ofMinutes(30)), options.text("label", task), waitName(options),
					waitSchedule(options), Boolean.parseBoolean(options.text("tally", "false")));
		}

		private static String waitName(Options options) {
			String wait = options.text("wait", "probes");
			if (!wait.equals("probes") && !wait.equals("long-poll")) {
				throw new IllegalArgumentException("--wait must be probes or long-poll (was " + wait + ")");
			}
			return wait;
		}

		private static WaitSchedule waitSchedule(Options options) {
			if (waitName(options).equals("long-poll")) {
				return WaitSchedule.longPollOnly();
			}
			WaitSchedule defaults = WaitSchedule.defaults();
			return new WaitSchedule(
					Duration.ofNanos((long) (options.decimal("first-probe", defaults.firstProbe().toNanos() / 1e6) * 1e6)),
					options.decimal("probe-growth", defaults.probeGrowth()),
					Duration.ofMillis(options.integer("probe-phase", (int) defaults.probePhase().toMillis(), 0)),
					options.integer("max-probe-rate", defaults.maxProbeRate(), 0),
					options.integer("max-open-waits", defaults.maxOpenWaits(), 0),
					Boolean.parseBoolean(options.text("remember-long-tasks", String.valueOf(defaults.rememberLongTasks()))));
		}

		private static void requireLoopback(String host) {
			try {
				for (InetAddress address : InetAddress.getAllByName(host)) {
					if (!address.isLoopbackAddress()) {
						throw new IllegalArgumentException("--endpoint must be a loopback address, not " + host);
					}
				}
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("unknown host " + host);
			}
		}

	}

	/**
	 * Sends every task to the chosen group with no retries.
	 */
	private record GroupDefaults(String group) implements TaskDefaults {

		@Override
		public RetryPolicy retryPolicy(String taskName) {
			return RetryPolicy.none();
		}

		@Override
		public Optional<String> shepherdGroup(String taskName) {
			return Optional.ofNullable(this.group);
		}

	}

	/**
	 * One batch of tasks run by the submitters, with its samples.
	 */
	private static final class Phase {

		private final GrpcAzollaClient client;

		private final TaskRequest request;

		private final Settings settings;

		private final int count;

		private final long[] submitNanos;

		private final long[] endToEndNanos;

		private final Semaphore inFlight;

		private final CountDownLatch finished;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicInteger succeeded = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger lost = new AtomicInteger();

		private final AtomicReference<String> problem = new AtomicReference<>();

		/** Successful results by their string value, with {@code --tally}. */
		private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> tally = new java.util.concurrent.ConcurrentHashMap<>();

		private double seconds;

		Phase(GrpcAzollaClient client, TaskRequest request, Settings settings, int count) {
			this.client = client;
			this.request = request;
			this.settings = settings;
			this.count = count;
			this.submitNanos = new long[count];
			this.endToEndNanos = new long[count];
			Arrays.fill(this.submitNanos, -1);
			Arrays.fill(this.endToEndNanos, -1);
			this.inFlight = new Semaphore(settings.maxInFlight());
			this.finished = new CountDownLatch(count);
		}

		Phase run() throws InterruptedException {
			long start = System.nanoTime();
			long deadline = start + this.settings.maxDuration().toNanos();
			ExecutorService submitters = Executors.newFixedThreadPool(this.settings.concurrency());
			for (int i = 0; i < this.settings.concurrency(); i++) {
				submitters.execute(() -> submitLoop(deadline));
			}
			submitters.shutdown();
			// Every wait is bounded by the per-task timeout, so this bound is never the limit
			// for a healthy run; it only keeps a broken one from hanging.
			long bound = this.settings.maxDuration().plus(this.settings.timeout()).plusMinutes(1).toNanos();
			if (!this.finished.await(bound, TimeUnit.NANOSECONDS)) {
				note("gave up waiting for the last results");
			}
			this.seconds = (System.nanoTime() - start) / 1e9;
			submitters.shutdownNow();
			return this;
		}

		private void submitLoop(long deadline) {
			for (int i = this.next.getAndIncrement(); i < this.count; i = this.next.getAndIncrement()) {
				if (!acquire(deadline)) {
					this.lost.incrementAndGet();
					note("the run's time limit passed before all tasks were started");
					this.finished.countDown();
					continue;
				}
				submitOne(i);
			}
		}

		private boolean acquire(long deadline) {
			try {
				long left = deadline - System.nanoTime();
				return left > 0 && this.inFlight.tryAcquire(left, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private void submitOne(int index) {
			long start = System.nanoTime();
			TaskHandle handle;
			try {
				handle = this.client.submit(this.request);
			}
			catch (RuntimeException ex) {
				this.failed.incrementAndGet();
				note("submit failed: " + ex.getMessage());
				done();
				return;
			}
			this.submitNanos[index] = System.nanoTime() - start;
			handle.resultAsync(this.settings.timeout()).whenComplete((result, failure) -> {
				if (failure == null && result.isSuccess()) {
					this.endToEndNanos[index] = System.nanoTime() - start;
					this.succeeded.incrementAndGet();
					if (this.settings.tally()) {
						this.tally.computeIfAbsent(result.valueAs(String.class), (value) -> new AtomicInteger())
							.incrementAndGet();
					}
				}
				else if (failure == null) {
					this.failed.incrementAndGet();
					note("task " + handle.id() + " failed with " + result.failure().orElseThrow().type());
				}
				else if (failure instanceof TaskWaitTimeoutException) {
					this.lost.incrementAndGet();
					note("no result for task " + handle.id() + " within " + this.settings.timeout().toSeconds() + " s");
				}
				else {
					this.failed.incrementAndGet();
					note("waiting for task " + handle.id() + " failed: " + failure);
				}
				done();
			});
		}

		private void done() {
			this.inFlight.release();
			this.finished.countDown();
		}

		private void note(String text) {
			this.problem.compareAndSet(null, text);
		}

		String firstProblem() {
			String first = this.problem.get();
			return (first != null) ? "; first problem: " + first : "";
		}

		LoadResult result(Settings settings, long waitCalls) {
			int lostTasks = this.lost.get() + Math.max(0,
					this.count - this.succeeded.get() - this.failed.get() - this.lost.get());
			return new LoadResult(settings.label(), settings.task(), this.count, settings.concurrency(),
					settings.maxInFlight(), this.succeeded.get(), this.failed.get(), lostTasks, this.seconds,
					this.succeeded.get() / this.seconds, LatencySummary.ofNanos(measured(this.submitNanos)),
					LatencySummary.ofNanos(measured(this.endToEndNanos)), settings.waitName(), waitCalls);
		}

		private static long[] measured(long[] samples) {
			return Arrays.stream(samples).filter((nanos) -> nanos >= 0).toArray();
		}

	}

}
