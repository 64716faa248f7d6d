package io.azolla.spring.autoconfigure;

import io.grpc.ManagedChannelBuilder;

/**
 * Callback that customizes the builder of every gRPC channel Azolla opens: the client's
 * channel to the orchestrator and, in invocation mode, the channel to the shepherd.
 */
@FunctionalInterface
public interface AzollaChannelCustomizer {

	/**
	 * Customizes the channel builder after Azolla has applied {@code azolla.client.*}.
	 * @param builder the builder to customize
	 */
	void customize(ManagedChannelBuilder<?> builder);

}
