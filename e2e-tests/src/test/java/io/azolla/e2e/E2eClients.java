package io.azolla.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.grpc.ManagedChannel;
import tools.jackson.databind.json.JsonMapper;

/**
 * What several e2e test classes do the same way: the plain-Java gRPC client for classes
 * without a Spring submitter, submitting many counting tasks at once, and tearing down.
 */
final class E2eClients {

	private E2eClients() {
	}

	/**
	 * Submits {@code count} {@code java_count} tasks (values 0 to count - 1, each sleeping the
	 * given time) from 8 threads at once, and returns their handles in value order.
	 */
	static List<TaskHandle> submitCounts(AzollaClient client, int count, long sleepMillis) throws Exception {
		return submitCounts(client, "java_count", count, sleepMillis);
	}

	/**
	 * Submits {@code count} tasks of the given counting task (values 0 to count - 1, each
	 * sleeping the given time) from 8 threads at once, and returns their handles in value order.
	 */
	static List<TaskHandle> submitCounts(AzollaClient client, String taskName, int count, long sleepMillis)
			throws Exception {
		ExecutorService submitters = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<TaskHandle>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				long value = i;
				futures.add(CompletableFuture.supplyAsync(
						() -> client.submitTask(taskName).args(value, sleepMillis).submit(), submitters));
			}
			return futures.stream().map(CompletableFuture::join).toList();
		}
		finally {
			submitters.shutdown();
			submitters.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	/**
	 * Creates a client with default settings on a channel the caller owns.
	 */
	static GrpcAzollaClient grpcClient(ManagedChannel channel, TaskDefaults defaults) {
		return new GrpcAzollaClient(channel, AzollaClientSettings.defaults(), defaults, JsonMapper.builder().build());
	}

	/**
	 * Stops a test class's client, channel and cluster, in that order. Each may be
	 * {@code null}: a skipped or half-started class still reaches its {@code @AfterAll}.
	 */
	/**
	 * Closes what a test class started, in the order given, skipping what never started.
	 */
	static void closeAll(AutoCloseable... started) throws Exception {
		for (AutoCloseable resource : started) {
			if (resource != null) {
				resource.close();
			}
		}
	}

	static void stop(GrpcAzollaClient client, ManagedChannel channel, AzollaCluster cluster) {
		if (client != null) {
			client.close();
		}
		if (channel != null) {
			channel.shutdownNow();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

}
