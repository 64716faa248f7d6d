package io.azolla.spring.test;

import io.azolla.spring.autoconfigure.AzollaClientAutoConfiguration;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for tests: starts an {@link AzollaTestOrchestrator} and gives the application's client and
 * shepherd the {@code azollaChannel} to it, in place of the channel to
 * {@code azolla.client.endpoint}. Imported by {@link AutoConfigureAzollaTestOrchestrator};
 * with {@code ApplicationContextRunner} list it in {@code AutoConfigurations.of(...)} beside
 * the starter's auto-configurations.
 */
@AutoConfiguration(before = AzollaClientAutoConfiguration.class)
@ConditionalOnClass(name = "io.azolla.spring.client.AzollaClient")
public final class AzollaTestOrchestratorAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AzollaTestOrchestrator azollaTestOrchestrator(Environment environment) {
		if (environment.getProperty("azolla.embedded.enabled", Boolean.class, false)) {
			// The embedded client runs tasks in-process and would never reach the stand-in.
			throw new IllegalStateException("azolla.embedded.enabled=true keeps Azolla tasks inside the JVM, so the "
					+ "AzollaTestOrchestrator would see none of them; set azolla.embedded.enabled=false "
					+ "(@AutoConfigureAzollaTestOrchestrator does)");
		}
		return AzollaTestOrchestrator.start();
	}

	@Bean(name = "azollaChannel", destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = "azollaChannel")
	ManagedChannel azollaChannel(AzollaTestOrchestrator azollaTestOrchestrator, Environment environment) {
		DataSize maxMessageSize = environment.getProperty("azolla.client.max-message-size", DataSize.class,
				DataSize.ofMegabytes(4));
		return NettyChannelBuilder.forTarget(azollaTestOrchestrator.target())
			.usePlaintext()
			.maxInboundMessageSize((int) maxMessageSize.toBytes())
			.build();
	}

}
