package io.azolla.spring.autoconfigure;

import io.azolla.spring.actuate.AzollaEndpoint;
import io.azolla.spring.actuate.AzollaHealthIndicator;
import io.azolla.spring.actuate.AzollaStatus;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.embedded.EmbeddedAzollaClient;
import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.invocation.InvocationRunner;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import io.grpc.ManagedChannel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code azolla} actuator endpoint and health indicator. Each needs its own optional
 * library (Spring Boot Actuator, Spring Boot Health) and is left out without it.
 */
@AutoConfiguration(after = { AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
		AzollaWorkerAutoConfiguration.class })
@ConditionalOnBean({ WorkerStats.class, TaskRegistry.class })
@EnableConfigurationProperties(AzollaProperties.class)
@Import({ AzollaActuatorAutoConfiguration.EndpointConfiguration.class,
		AzollaActuatorAutoConfiguration.HealthConfiguration.class })
public final class AzollaActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AzollaStatus azollaStatus(WorkerStats stats, TaskRegistry registry, AzollaProperties properties,
			ObjectProvider<AzollaClient> client, ObjectProvider<ShepherdWorker> shepherd,
			ObjectProvider<InvocationRunner> invocation, @Qualifier("azollaChannel") ObjectProvider<ManagedChannel> channel) {
		AzollaStatus.Mode mode = mode(client, shepherd, invocation);
		AzollaProperties.Client clientProperties = properties.getClient();
		String domain = (mode != AzollaStatus.Mode.EMBEDDED && properties.getWorker().getDomain() != null)
				? properties.getWorker().getDomain() : clientProperties.getDomain();
		String group = (mode == AzollaStatus.Mode.SHEPHERD) ? properties.getWorker().getShepherdGroup() : null;
		ManagedChannel azollaChannel = (mode != AzollaStatus.Mode.EMBEDDED) ? channel.getIfAvailable() : null;
		String endpoint = (azollaChannel != null) ? clientProperties.getEndpoint() : null;
		return new AzollaStatus(mode, stats, registry, azollaChannel, endpoint, domain, group);
	}

	/**
	 * Derives the mode from the beans that exist rather than from properties, so that what the
	 * endpoint reports is what really runs.
	 */
	private static AzollaStatus.Mode mode(ObjectProvider<AzollaClient> client, ObjectProvider<ShepherdWorker> shepherd,
			ObjectProvider<InvocationRunner> invocation) {
		if (client.getIfUnique() instanceof EmbeddedAzollaClient) {
			return AzollaStatus.Mode.EMBEDDED;
		}
		if (shepherd.getIfUnique() != null) {
			return AzollaStatus.Mode.SHEPHERD;
		}
		if (invocation.getIfUnique() != null) {
			return AzollaStatus.Mode.INVOCATION;
		}
		return AzollaStatus.Mode.NONE;
	}

	/**
	 * Guards the endpoint by class first: the condition on the nested class is itself part of
	 * the optional actuator library, and conditions on one class are all loaded before any is
	 * evaluated.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnAvailableEndpoint(AzollaEndpoint.class)
		static class AvailableEndpointConfiguration {

			@Bean
			@ConditionalOnMissingBean
			AzollaEndpoint azollaEndpoint(AzollaStatus status) {
				return new AzollaEndpoint(status);
			}

		}

	}

	/**
	 * Guards the health indicator by class first, for the same reason as the endpoint.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	static class HealthConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("azolla")
		static class EnabledHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "azollaHealthIndicator")
			AzollaHealthIndicator azollaHealthIndicator(AzollaStatus status) {
				return new AzollaHealthIndicator(status);
			}

		}

	}

}
