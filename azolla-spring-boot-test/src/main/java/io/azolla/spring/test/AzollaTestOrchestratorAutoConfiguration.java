package io.azolla.spring.test;

import io.azolla.spring.autoconfigure.AzollaClientAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for tests: starts an {@link AzollaTestOrchestrator} (the bean {@code azollaTestOrchestrator})
 * and points {@code azolla.client.endpoint} and Spring gRPC's {@code azolla} channel at it, so
 * the application's own client and shepherd talk to it over gRPC, built as in production.
 * Imported by {@link AutoConfigureAzollaTestOrchestrator}; with {@code ApplicationContextRunner}
 * list it in {@code AutoConfigurations.of(...)} beside the starter's auto-configurations. A
 * context with {@code azolla.embedded.enabled=true} fails to start, because its tasks would
 * never reach the stand-in.
 */
@AutoConfiguration(before = AzollaClientAutoConfiguration.class)
@ConditionalOnClass(name = "io.azolla.spring.client.AzollaClient")
public final class AzollaTestOrchestratorAutoConfiguration {

	@Bean
	static AzollaTestOrchestratorRegistrar azollaTestOrchestratorRegistrar(ConfigurableEnvironment environment) {
		return new AzollaTestOrchestratorRegistrar(environment);
	}

}
