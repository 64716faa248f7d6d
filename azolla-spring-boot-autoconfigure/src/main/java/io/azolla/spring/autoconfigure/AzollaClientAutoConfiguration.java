package io.azolla.spring.autoconfigure;

import java.util.List;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.WaitSchedule;
import io.azolla.spring.client.embedded.EmbeddedAzollaClient;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.retry.TaskRetryTemplates;
import io.azolla.spring.retry.TransportRetry;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.ObservedTaskAttempt;
import io.azolla.spring.worker.TaskAttempt;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.TimeLimiter;
import io.azolla.spring.worker.WorkerStats;
import io.grpc.ManagedChannel;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the {@link AzollaClient}: by default a gRPC channel named {@code azolla} built through
 * Spring gRPC (or, without it, with Netty) and a client that submits tasks through it; with
 * {@code azolla.embedded.enabled=true} a client that runs the application's own tasks in this
 * JVM instead. {@link AzollaChannelCustomizer} and {@link AzollaClientCustomizer} beans are
 * applied, in order, to the channel and to the gRPC client.
 */
@AutoConfiguration(after = AzollaTaskAutoConfiguration.class, afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration",
		"org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration" })
@ConditionalOnProperty(name = "azolla.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AzollaProperties.class)
public final class AzollaClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TaskDefaults.class)
	PropertiesTaskDefaults azollaTaskDefaults(AzollaProperties properties) {
		return new PropertiesTaskDefaults(properties);
	}

	/**
	 * Returns the transport retry {@code azolla.client.transport-retry.*} describes, used by
	 * every call Azolla makes over a channel.
	 */
	static TransportRetry transportRetry(AzollaProperties.Client client) {
		AzollaProperties.TransportRetry retry = client.getTransportRetry();
		try {
			return new TransportRetry(retry.getMaxAttempts(), retry.getInitialInterval(), retry.getMultiplier(),
					retry.getMaxInterval());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("azolla.client.transport-retry", null, ex.getMessage());
		}
	}

	/**
	 * Returns the channel builder of Azolla's own channels, with the application's channel
	 * customizers.
	 */
	static AzollaChannels channels(AzollaProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<AzollaChannelCustomizer> customizers) {
		return new AzollaChannels(properties.getClient(), sslBundles.getIfAvailable(),
				customizers.orderedStream().toList());
	}

	/**
	 * The client of a real orchestrator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "azolla.embedded.enabled", havingValue = "false", matchIfMissing = true)
	static class OrchestratorClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AzollaClientSettings azollaClientSettings(AzollaProperties properties) {
			AzollaProperties.Client client = properties.getClient();
			TransportRetry transportRetry = transportRetry(client);
			AzollaProperties.Wait wait = client.getWait();
			try {
				WaitSchedule waitSchedule = new WaitSchedule(wait.getFirstProbe(), wait.getProbeGrowth(),
						wait.getProbePhase(), wait.getMaxProbeRate(), wait.getMaxOpenWaits(),
						wait.isRememberLongTasks());
				return new AzollaClientSettings(client.getDomain(), client.getTimeout(), client.getWaitTimeout(),
						AzollaClientSettings.defaults().maxWaitPerCall(), client.getMaxMessageSize().toBytes(),
						transportRetry, waitSchedule);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("azolla.client", null, ex.getMessage());
			}
		}

		@Bean(name = "azollaChannel", destroyMethod = "shutdown")
		@ConditionalOnMissingBean(name = "azollaChannel")
		ManagedChannel azollaChannel(ObjectProvider<GrpcChannelFactory> channelFactory, AzollaProperties properties,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<AzollaChannelCustomizer> customizers) {
			AzollaChannels channels = channels(properties, sslBundles, customizers);
			// Spring gRPC may register several factories (network and in-process) without a
			// primary one: take the first that serves the channel's target.
			return channelFactory.orderedStream()
				.filter((factory) -> factory.supports(AzollaChannels.CHANNEL))
				.findFirst()
				.map((factory) -> factory.createChannel(AzollaChannels.CHANNEL,
						ChannelBuilderOptions.defaults().withCustomizer(springCustomizer(channels))))
				.orElseGet(channels::orchestrator);
		}

		@SuppressWarnings({ "rawtypes", "unchecked" })
		private static GrpcChannelBuilderCustomizer springCustomizer(AzollaChannels channels) {
			return (target, builder) -> channels.customize(builder);
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(AzollaClient.class)
		GrpcAzollaClient azollaClient(ManagedChannel azollaChannel, AzollaClientSettings settings, TaskDefaults defaults,
				ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ClientObserver> observers,
				ObjectProvider<AzollaClientCustomizer> customizers) {
			GrpcAzollaClient.Builder builder = GrpcAzollaClient.builder(azollaChannel)
				.settings(settings)
				.defaults(defaults)
				.mapper(JsonMappers.of(jsonMapper))
				.observer(ClientObserver.composite(observers.orderedStream().toList()));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

	}

	/**
	 * Fills the unset settings of Spring gRPC's {@code azolla} channel from
	 * {@code azolla.client.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties")
	static class SpringGrpcChannelConfiguration {

		@Bean
		static AzollaGrpcChannelDefaults azollaGrpcChannelDefaults(ObjectProvider<AzollaProperties> properties,
				Environment environment) {
			return new AzollaGrpcChannelDefaults(properties, environment);
		}

	}

	/**
	 * A client that runs tasks in this JVM, for development, demos and tests.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "azolla.embedded.enabled", havingValue = "true")
	static class EmbeddedClientConfiguration {

		@Bean(destroyMethod = "close")
		TimeLimiter azollaEmbeddedTimeLimiter(Environment environment) {
			return AzollaExecutors.timeLimiter(Threading.VIRTUAL.isActive(environment));
		}

		@Bean
		ThreadPoolTaskExecutor azollaEmbeddedExecutor(AzollaProperties properties,
				ObjectProvider<ThreadPoolTaskExecutorBuilder> builder, Environment environment) {
			return AzollaExecutors.embedded(builder.getIfAvailable(ThreadPoolTaskExecutorBuilder::new),
					properties.getWorker().getMaxConcurrency(), Threading.VIRTUAL.isActive(environment));
		}

		@Bean
		@ConditionalOnMissingBean(AzollaClient.class)
		EmbeddedAzollaClient azollaClient(TaskInvoker invoker, TaskTimeouts timeouts, TimeLimiter azollaEmbeddedTimeLimiter,
				TaskDefaults defaults, ThreadPoolTaskExecutor azollaEmbeddedExecutor, AzollaProperties properties,
				ObjectProvider<JsonMapper> jsonMapper, WorkerStats stats, ObjectProvider<TaskExecutionListener> listeners,
				ObjectProvider<ClientObserver> observers) {
			AzollaProperties.Client client = properties.getClient();
			// Reported like a worker's executions, so the endpoint and metrics show embedded runs.
			List<TaskExecutionListener> executionListeners = AzollaWorkerAutoConfiguration.executionListeners(stats,
					properties.getWorker().getMaxConcurrency(), listeners);
			TaskAttempt attempt = new ObservedTaskAttempt(
					azollaEmbeddedTimeLimiter.around(invoker, timeouts::forTask, executionListeners), invoker.registry(),
					executionListeners,
					azollaEmbeddedExecutor::getQueueSize);
			return new EmbeddedAzollaClient(attempt, defaults, JsonMappers.of(jsonMapper), azollaEmbeddedExecutor,
					client.getDomain(), client.getWaitTimeout(), TaskRetryTemplates.standard(),
					ClientObserver.composite(observers.orderedStream().toList()));
		}

	}

}
