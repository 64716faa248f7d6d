package io.azolla.e2e;

import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.GrpcAzollaClient;
import io.azolla.spring.client.TaskDefaults;
import io.grpc.ManagedChannel;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain-Java gRPC client the test classes without a Spring submitter use, created and
 * torn down the same way in each.
 */
final class E2eClients {

	private E2eClients() {
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
