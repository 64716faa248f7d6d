package io.azolla.bench.load;

import java.net.URI;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shows what the orchestrator does with a replica that stops while a backlog of tasks waits:
 * several replicas of {@code BenchWorkerApplication} (Spring contexts in this JVM, in-process
 * shepherds in one group) run a backlog of short tasks; one replica's context is closed
 * mid-run. The closing replica's channel records every Hello, Status and half-close its
 * shepherd writes, and the orchestrator's attempt-started events name the shepherd each
 * attempt went to, so the output shows when the replica said it had no capacity and how many
 * tasks the orchestrator still sent it afterwards. A diagnostic, not a benchmark: it prints
 * what it saw and exits 1 only if a task did not succeed.
 */
public final class DrainDispatchProbe {

	private static final Set<String> OPTIONS = Set.of("azolla-home", "database-url", "tasks", "replicas", "stop-after",
			"logs");

	private static final long T0 = System.nanoTime();

	/** What the closing replica's shepherd wrote, with the time in ms since start. */
	private static final List<String> written = Collections.synchronizedList(new ArrayList<>());

	private DrainDispatchProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args the options: {@code --tasks} (3000), {@code --replicas} (3), {@code --stop-after}
	 * ms after the submission began (2500), {@code --azolla-home}, {@code --database-url},
	 * {@code --logs}
	 * @throws Exception if the cluster cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args, OPTIONS);
		int tasks = options.integer("tasks", 3000, 1);
		int replicas = options.integer("replicas", 3, 2);
		int stopAfter = options.integer("stop-after", 2500, 0);
		LocalCluster cluster = new LocalCluster(
				BenchDriver.binaries(options.text("azolla-home", System.getenv("AZOLLA_HOME"))),
				LocalCluster.adminUrl(options),
				Paths.get(options.text("logs", "benchmarks/target/drain-probe")));
		List<ConfigurableApplicationContext> started = new ArrayList<>();
		int exit = 0;
		try {
			cluster.start();
			for (int i = 1; i <= replicas; i++) {
				started.add(new SpringApplicationBuilder(io.azolla.bench.worker.BenchWorkerApplication.class,
						RecordingChannel.class)
					.web(WebApplicationType.NONE)
					.properties("bench.replica=r" + i, "bench.record=" + (i == 2),
							"azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.shepherd-group=drain",
							"azolla.worker.max-concurrency=16", "azolla.worker.status-interval=1s",
							"azolla.worker.shutdown-timeout=20s", "spring.main.banner-mode=off", "logging.level.root=warn")
					.run());
			}
			ConfigurableApplicationContext stopping = started.get(1);
			String stoppingUuid = stopping.getBean(ShepherdWorker.class).stats().connection().shepherdUuid();
			URI uri = URI.create(cluster.endpoint());
			ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
			try (GrpcAzollaClient client = new GrpcAzollaClient(channel, AzollaClientSettings.defaults(),
					TaskDefaults.of(RetryPolicy.fixed(Duration.ofMillis(50)).maxAttempts(3).build()),
					JsonMapper.builder().build())) {
				ExecutorService submitters = Executors.newFixedThreadPool(8);
				List<CompletableFuture<TaskHandle>> handles = new ArrayList<>();
				long submitStart = millis();
				for (int i = 0; i < tasks; i++) {
					handles.add(CompletableFuture.supplyAsync(
							() -> client.submitTask("sleep").args(20).shepherdGroup("drain").submit(), submitters));
				}
				Thread.sleep(Math.max(0, submitStart + stopAfter - millis()));
				long stopAt = millis();
				written.add(stopAt + " ms: context close begins");
				stopping.close();
				written.add(millis() + " ms: context closed");
				long failed = 0;
				for (CompletableFuture<TaskHandle> handle : handles) {
					TaskResult result = handle.join().await(Duration.ofMinutes(2));
					failed += result.isSuccess() ? 0 : 1;
				}
				submitters.shutdown();
				Thread.sleep(1000);
				List<Long> afterStop = new ArrayList<>();
				int beforeStop = 0;
				long wallOffset = System.currentTimeMillis() - millis();
				try (Connection connection = cluster.connectToRunDatabase();
						Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("SELECT extract(epoch FROM created_at) * 1000, "
								+ "metadata->>'shepherd_uuid' FROM events WHERE event_type = 4 ORDER BY event_id")) {
					while (rows.next()) {
						if (stoppingUuid.equals(rows.getString(2))) {
							long at = (long) rows.getDouble(1) - wallOffset;
							if (at >= stopAt) {
								afterStop.add(at - stopAt);
							}
							else {
								beforeStop++;
							}
						}
					}
				}
				System.out.println("What replica r2's shepherd wrote around its stop (ms since this probe started):");
				synchronized (written) {
					written.stream().skip(Math.max(0, written.size() - 16)).forEach((line) -> System.out.println("  " + line));
				}
				System.out.printf("Attempts the orchestrator dispatched to r2 (%s): %d before its context close began, "
						+ "%d after%s%n", stoppingUuid, beforeStop, afterStop.size(),
						afterStop.isEmpty() ? ""
								: " (" + afterStop.get(0) + " to " + afterStop.get(afterStop.size() - 1) + " ms after)");
				System.out.printf("%d tasks, %d did not succeed (retry policy: fixed 50 ms, 3 attempts)%n", tasks, failed);
				exit = (failed == 0) ? 0 : 1;
			}
			finally {
				channel.shutdownNow();
			}
		}
		finally {
			started.forEach(ConfigurableApplicationContext::close);
			cluster.close();
		}
		System.exit(exit);
	}

	private static long millis() {
		return (System.nanoTime() - T0) / 1_000_000;
	}

	/**
	 * The shepherd's channel, built as plainly as the starter builds it, recording what the
	 * shepherd writes on its stream when {@code bench.record} is true.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RecordingChannel {

		@Bean(name = "azollaChannel", destroyMethod = "shutdown")
		ManagedChannel azollaChannel(@Value("${azolla.client.endpoint}") String endpoint,
				@Value("${bench.replica}") String name, @Value("${bench.record:false}") boolean record) {
			URI uri = URI.create(endpoint);
			ManagedChannel real = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
			Channel recorded = !record ? real : ClientInterceptors.intercept(real, new ClientInterceptor() {

				@Override
				public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
						Channel next) {
					return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {

						@Override
						public void sendMessage(Q message) {
							if (message instanceof ClientMsg msg && (msg.hasStatus() || msg.hasHello())) {
								written.add(millis() + " ms: " + name + " " + (msg.hasHello() ? "Hello"
										: "Status load=" + msg.getStatus().getCurrentLoad() + " available="
												+ msg.getStatus().getAvailableCapacity()));
							}
							super.sendMessage(message);
						}

						@Override
						public void halfClose() {
							written.add(millis() + " ms: " + name + " half-close");
							super.halfClose();
						}

					};
				}

			});
			return new ManagedChannel() {

				@Override
				public ManagedChannel shutdown() {
					real.shutdown();
					return this;
				}

				@Override
				public boolean isShutdown() {
					return real.isShutdown();
				}

				@Override
				public boolean isTerminated() {
					return real.isTerminated();
				}

				@Override
				public ManagedChannel shutdownNow() {
					real.shutdownNow();
					return this;
				}

				@Override
				public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
					return real.awaitTermination(timeout, unit);
				}

				@Override
				public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
					return recorded.newCall(method, options);
				}

				@Override
				public String authority() {
					return real.authority();
				}

				@Override
				public ConnectivityState getState(boolean requestConnection) {
					return real.getState(requestConnection);
				}

				@Override
				public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
					real.notifyWhenStateChanged(source, callback);
				}

				@Override
				public void resetConnectBackoff() {
					real.resetConnectBackoff();
				}

				@Override
				public void enterIdle() {
					real.enterIdle();
				}

			};
		}

	}

}
