package io.azolla.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the Java in-process shepherd and says where its Java threads spent
 * their time during the measured phases of a benchmark run, by stage of a task's trip through
 * the shepherd: receive (HTTP/2 and protobuf decoding of the Task, handing it to the engine),
 * hand-off to a task thread, bind, execute, encode, send (the TaskResult through gRPC and
 * Netty), Status and the listeners that keep figures.
 * <p>
 * Each {@code jdk.ExecutionSample} inside a measured window (the driver's
 * {@code measured-windows.tsv}) is given to the first stage in {@link #STAGES} with a frame
 * anywhere in its stack; the order puts the more specific stages first (a Status is written
 * through the same gRPC call as a result, so "status" is tested before "send"). Samples only
 * cover threads running Java code: JIT compiler and GC threads are not in them (the driver's
 * per-thread CPU table has those). It also sums the blocking events the recording kept
 * ({@code jdk.JavaMonitorEnter}, {@code jdk.ThreadPark}, above their thresholds) by the frame
 * that blocked.
 * <p>
 * Usage: {@code JfrStages --jfr FILE --windows FILE [--setup NAME] [--top N]}.
 */
public final class JfrStages {

	private static final Set<String> OPTIONS = Set.of("jfr", "windows", "setup", "top");

	/** Stage name, then the frame prefixes (class.method) that put a sample in it. */
	static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

	static {
		STAGES.put("status (Status messages, load listener)",
				List.of("io.azolla.spring.worker.shepherd.StatusReporter", "io.azolla.spring.worker.shepherd.CoalescingTrigger"));
		STAGES.put("figures (execution listeners, WorkerStats, observations)",
				List.of("io.azolla.spring.worker.WorkerStats", "io.azolla.spring.worker.Listeners",
						"io.azolla.spring.actuate."));
		STAGES.put("send (result to outbox, gRPC write, HTTP/2 encode, socket write)",
				List.of("io.azolla.spring.worker.shepherd.ResultDelivery", "io.azolla.spring.worker.shepherd.ResultOutbox",
						"io.azolla.spring.worker.shepherd.ShepherdStream.send",
						"io.grpc.internal.ClientCallImpl.sendMessage", "io.grpc.internal.ClientCallImpl.request",
						"io.grpc.netty.WriteQueue", "io.grpc.netty.NettyClientHandler.write",
						"io.grpc.netty.NettyClientHandler.sendGrpcFrame", "io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder",
						"io.netty.channel.epoll.AbstractEpollStreamChannel.doWrite", "io.netty.channel.AbstractChannel$AbstractUnsafe.flush",
						"io.netty.channel.DefaultChannelPipeline$HeadContext.flush"));
		STAGES.put("encode (TaskOutcomes)", List.of("io.azolla.spring.task.TaskOutcomes", "io.azolla.spring.model.AnyValues"));
		STAGES.put("bind (arguments)", List.of("io.azolla.spring.task.ArgumentBinder", "io.azolla.spring.task.TaskArguments"));
		STAGES.put("execute (invoker, task method)",
				List.of("io.azolla.spring.task.TaskInvoker", "io.azolla.bench.worker.", "io.azolla.spring.worker.TaskExecution"));
		STAGES.put("hand-off (engine submit, executor queues, thread wake-ups)",
				List.of("io.azolla.spring.worker.TaskExecutionEngine.submit", "io.azolla.spring.worker.ExecutionSlots", "java.util.concurrent.ThreadPoolExecutor.execute",
						"java.util.concurrent.ThreadPoolExecutor.getTask", "java.util.concurrent.ThreadPoolExecutor.addWorker",
						"java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.locks.LockSupport",
						"java.util.concurrent.SynchronousQueue", "java.util.concurrent.LinkedBlockingQueue",
						"io.grpc.internal.SerializingExecutor.execute"));
		STAGES.put("receive (shepherd accept, gRPC deframe, protobuf parse, HTTP/2 decode, socket read)",
				List.of("io.azolla.spring.worker.shepherd.TaskIntake", "io.azolla.spring.worker.shepherd.StreamSession$Events.received",
						"io.azolla.spring.worker.shepherd.ShepherdStream.onNext", "io.grpc.internal.ClientCallImpl$ClientStreamListenerImpl",
						"io.grpc.internal.MessageDeframer", "io.grpc.netty.NettyClientHandler.onDataRead",
						"io.grpc.netty.NettyClientStream", "io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder",
						"io.netty.handler.codec.http2.DefaultHttp2FrameReader",
						"io.netty.channel.epoll.AbstractEpollStreamChannel$EpollStreamUnsafe.epollInReady"));
		STAGES.put("other Netty event loop work", List.of("io.netty."));
		STAGES.put("other gRPC", List.of("io.grpc."));
	}

	private JfrStages() {
	}

	/**
	 * Prints the stage table as Markdown.
	 * @param args the options
	 * @throws IOException if a file cannot be read
	 */
	public static void main(String[] args) throws IOException {
		Options options = Options.parse(args, OPTIONS);
		Path recording = Paths.get(options.text("jfr", "benchmarks/target/profile/java-shepherd.jfr"));
		List<Instant[]> windows = windows(Paths.get(options.text("windows", "benchmarks/target/profile/measured-windows.tsv")),
				options.text("setup", "java-shepherd saturated"));
		int top = options.integer("top", 4, 1);
		Map<String, Long> stages = new LinkedHashMap<>();
		STAGES.keySet().forEach((stage) -> stages.put(stage, 0L));
		stages.put("other", 0L);
		Map<String, Map<String, Long>> leaves = new LinkedHashMap<>();
		Map<String, Long> threads = new TreeMap<>();
		Map<String, Duration> blocked = new TreeMap<>();
		Map<String, Long> blockedCount = new TreeMap<>();
		long samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			if (!inside(event.getStartTime(), windows)) {
				continue;
			}
			String type = event.getEventType().getName();
			if (type.equals("jdk.ExecutionSample")) {
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				String stage = stageOf(stack);
				stages.merge(stage, 1L, Long::sum);
				leaves.computeIfAbsent(stage, (key) -> new LinkedHashMap<>()).merge(name(stack.getFrames().get(0)), 1L, Long::sum);
				RecordedThread thread = event.getThread("sampledThread");
				threads.merge((thread != null) ? thread.getJavaName().replaceAll("[0-9]+", "N") : "?", 1L, Long::sum);
			}
			else if (type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.ThreadPark")) {
				String where = type.substring(4) + " in " + firstOwnFrame(event.getStackTrace());
				blocked.merge(where, event.getDuration(), Duration::plus);
				blockedCount.merge(where, 1L, Long::sum);
			}
		}
		System.out.printf(Locale.ROOT, "JFR %s, setup '%s', %d measured window(s), %d execution samples%n%n", recording,
				options.text("setup", "java-shepherd saturated"), windows.size(), samples);
		System.out.println("| stage | samples | share | top leaf frames (samples) |");
		System.out.println("|---|---:|---:|---|");
		for (Map.Entry<String, Long> stage : stages.entrySet()) {
			String leafList = leaves.getOrDefault(stage.getKey(), Map.of())
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(top)
				.map((entry) -> "`" + entry.getKey() + "` " + entry.getValue())
				.reduce((a, b) -> a + ", " + b)
				.orElse("");
			System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% | %s |%n", stage.getKey(), stage.getValue(),
					(samples > 0) ? 100.0 * stage.getValue() / samples : 0, leafList);
		}
		System.out.println();
		System.out.println("| thread (digits as N) | samples |");
		System.out.println("|---|---:|");
		threads.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> System.out.printf(Locale.ROOT, "| `%s` | %d |%n", entry.getKey(), entry.getValue()));
		System.out.println();
		System.out.println("| blocking event (above the recording's threshold), at | events | total ms |");
		System.out.println("|---|---:|---:|");
		blocked.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
			.limit(12)
			.forEach((entry) -> System.out.printf(Locale.ROOT, "| %s | %d | %.0f |%n", entry.getKey(),
					blockedCount.get(entry.getKey()), entry.getValue().toNanos() / 1e6));
	}

	static String stageOf(RecordedStackTrace stack) {
		for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
			for (RecordedFrame frame : stack.getFrames()) {
				String name = name(frame);
				for (String prefix : stage.getValue()) {
					if (name.startsWith(prefix)) {
						return stage.getKey();
					}
				}
			}
		}
		return "other";
	}

	private static String firstOwnFrame(RecordedStackTrace stack) {
		if (stack == null) {
			return "?";
		}
		// The first frame outside the JDK says who waited; a stack of JDK frames only is an
		// idle pool thread waiting for work.
		for (RecordedFrame frame : stack.getFrames()) {
			String name = name(frame);
			if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
				return "`" + name + "`";
			}
		}
		return "an idle JDK pool thread";
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static boolean inside(Instant time, List<Instant[]> windows) {
		for (Instant[] window : windows) {
			if (!time.isBefore(window[0]) && !time.isAfter(window[1])) {
				return true;
			}
		}
		return false;
	}

	private static List<Instant[]> windows(Path file, String setup) throws IOException {
		List<Instant[]> windows = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			String[] fields = line.split("\t");
			if (fields.length == 4 && fields[0].equals(setup)) {
				windows.add(new Instant[] { Instant.ofEpochMilli(Long.parseLong(fields[2])),
						Instant.ofEpochMilli(Long.parseLong(fields[3])) });
			}
		}
		if (windows.isEmpty()) {
			throw new IllegalArgumentException("no measured window for '" + setup + "' in " + file);
		}
		return windows;
	}

}
