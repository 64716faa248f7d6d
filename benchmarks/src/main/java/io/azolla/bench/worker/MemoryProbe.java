package io.azolla.bench.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Java in-process shepherd ({@link BenchWorkerApplication}) with a probe of its own memory,
 * for the memory benchmark ({@code io.azolla.bench.load.MemoryDriver}). It starts the
 * application with the given Spring arguments, prints {@code READY} once the shepherd is
 * registered, and then answers commands on standard input, one a line:
 * <ul>
 * <li>{@code MEASURE label}: full GCs, then one JSON line {@code MEASURED label {...}} with the
 * heap used after GC, the platform thread count, the tasks running and queued, the resident set
 * size and the native memory of threads (with {@code -XX:NativeMemoryTracking=summary});</li>
 * <li>{@code AWAIT n seconds}: waits until at least n tasks run at once (or the time is up) and
 * prints {@code REACHED running seconds};</li>
 * <li>{@code EXIT}: closes the application.</li>
 * </ul>
 */
public final class MemoryProbe {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private MemoryProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args Spring Boot command-line properties for the application
	 * @throws Exception if the application cannot start
	 */
	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchWorkerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args);
		WorkerStats stats = context.getBean(ShepherdWorker.class).stats();
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (stats.connection().state() != WorkerStats.ConnectionState.REGISTERED) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the shepherd did not register within 60 s");
			}
			Thread.sleep(20);
		}
		System.out.println("READY");
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = commands.readLine(); line != null; line = commands.readLine()) {
			String[] words = line.trim().split("\\s+");
			switch (words[0]) {
				case "MEASURE" -> System.out.println("MEASURED " + words[1] + " " + MAPPER.writeValueAsString(measure(stats)));
				case "AWAIT" -> {
					int wanted = Integer.parseInt(words[1]);
					long started = System.nanoTime();
					long until = started + Long.parseLong(words[2]) * 1_000_000_000L;
					int most = 0;
					while (System.nanoTime() < until) {
						most = Math.max(most, stats.capacity().running());
						if (most >= wanted) {
							break;
						}
						Thread.sleep(10);
					}
					System.out.printf("REACHED %d %.2f%n", most, (System.nanoTime() - started) / 1e9);
				}
				case "EXIT" -> {
					context.close();
					System.exit(0);
				}
				default -> System.out.println("UNKNOWN " + line);
			}
		}
		context.close();
		System.exit(0);
	}

	private static Map<String, Object> measure(WorkerStats stats) throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		// Several full collections, so what is left is what is reachable.
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("heapUsedBytes", memory.getHeapMemoryUsage().getUsed());
		figures.put("heapCommittedBytes", memory.getHeapMemoryUsage().getCommitted());
		figures.put("nonHeapUsedBytes", memory.getNonHeapMemoryUsage().getUsed());
		figures.put("platformThreads", ManagementFactory.getThreadMXBean().getThreadCount());
		figures.put("running", stats.capacity().running());
		figures.put("queued", stats.capacity().queued());
		figures.put("rssKb", residentKb().orElse(-1L));
		figures.put("nmtThreadCommittedKb", nativeThreadMemoryKb().orElse(-1L));
		return figures;
	}

	private static Optional<Long> residentKb() {
		try {
			return Files.readAllLines(Paths.get("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The committed native memory of the "Thread" category (thread stacks and structures) from
	 * Native Memory Tracking, or empty when it is off.
	 */
	private static Optional<Long> nativeThreadMemoryKb() {
		try {
			String summary = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
						new Object[] { new String[] { "summary", "scale=KB" } }, new String[] { String[].class.getName() });
			Matcher matcher = Pattern.compile("-\\s+Thread \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(summary);
			return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
		}
		catch (Exception ex) {
			return Optional.empty();
		}
	}

}
