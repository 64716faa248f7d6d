package io.azolla.spring.autoconfigure;

import io.azolla.spring.client.grpc.GrpcAzollaClient;

/**
 * Callback that customizes the builder of the auto-configured gRPC client before the client
 * is built.
 */
@FunctionalInterface
public interface AzollaClientCustomizer {

	/**
	 * Customizes the client builder, which already holds the settings, task defaults, mapper
	 * and observers the auto-configuration chose.
	 * @param builder the builder to customize
	 */
	void customize(GrpcAzollaClient.Builder builder);

}
