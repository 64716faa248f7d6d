package io.azolla.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.TimeUnit;

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
import io.grpc.netty.NettyChannelBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the {@link AzollaClient}: by default a gRPC channel named {@code azolla} built through
 * Spring gRPC and a client that submits tasks through it; with
 * {@code azolla.embedded.enabled=true} a client that runs the application's own tasks in this
 * JVM instead.
 */
@AutoConfiguration(after = AzollaTaskAutoConfiguration.class, afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration",
		"org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration" })
@ConditionalOnProperty(name = "azolla.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AzollaProperties.class)
public final class AzollaClientAutoConfiguration {

	@Bean
	static AzollaChannelProperties azollaChannelProperties(ConfigurableEnvironment environment) {
		return new AzollaChannelProperties(environment);
	}

	@Bean
	@ConditionalOnMissingBean(TaskDefaults.class)
	PropertiesTaskDefaults azollaTaskDefaults(AzollaProperties properties) {
		return new PropertiesTaskDefaults(properties);
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
			AzollaProperties.TransportRetry retry = client.getTransportRetry();
			AzollaProperties.Wait wait = client.getWait();
			try {
				TransportRetry transportRetry = new TransportRetry(retry.getMaxAttempts(), retry.getInitialInterval(),
						retry.getMultiplier(), retry.getMaxInterval());
				WaitSchedule waitSchedule = new WaitSchedule(wait.getFirstProbe(), wait.getProbeGrowth(),
						wait.getProbePhase(), wait.getMaxProbeRate(), wait.getMaxOpenWaits());
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
		ManagedChannel azollaChannel(ObjectProvider<GrpcChannelFactory> channelFactory, AzollaProperties properties) {
			// Spring gRPC may register several factories (network and in-process) without a
			// primary one: take the first that serves the channel's target.
			return channelFactory.orderedStream()
				.filter((factory) -> factory.supports(AzollaChannelProperties.CHANNEL))
				.findFirst()
				.map((factory) -> factory.createChannel(AzollaChannelProperties.CHANNEL))
				.orElseGet(() -> standaloneChannel(properties.getClient()));
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(AzollaClient.class)
		GrpcAzollaClient azollaClient(ManagedChannel azollaChannel, AzollaClientSettings settings, TaskDefaults defaults,
				ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ClientObserver> observers) {
			return new GrpcAzollaClient(azollaChannel, settings, defaults, JsonMappers.of(jsonMapper),
					ClientObserver.composite(observers.orderedStream().toList()));
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
					azollaEmbeddedTimeLimiter.around(invoker, timeouts::forTask, executionListeners), executionListeners,
					azollaEmbeddedExecutor::getQueueSize);
			return new EmbeddedAzollaClient(attempt, defaults, JsonMappers.of(jsonMapper), azollaEmbeddedExecutor,
					client.getDomain(), client.getWaitTimeout(), TaskRetryTemplates.standard(),
					ClientObserver.composite(observers.orderedStream().toList()));
		}

	}

	/**
	 * Builds the channel directly when Spring gRPC's channel factory is absent.
	 */
	private static ManagedChannel standaloneChannel(AzollaProperties.Client client) {
		if (client.getSsl().getBundle() != null && !client.getSsl().getBundle().isBlank()) {
			throw new InvalidConfigurationPropertyValueException("azolla.client.ssl.bundle", client.getSsl().getBundle(),
					"needs Spring gRPC's client support (spring-boot-grpc-client) on the classpath");
		}
		OrchestratorEndpoint endpoint = OrchestratorEndpoint.parse(client.getEndpoint());
		NettyChannelBuilder builder = NettyChannelBuilder.forTarget(endpoint.authority())
			.maxInboundMessageSize((int) client.getMaxMessageSize().toBytes())
			.keepAliveTime(AzollaChannelProperties.KEEPALIVE_TIME.toNanos(), TimeUnit.NANOSECONDS)
			.keepAliveTimeout(AzollaChannelProperties.KEEPALIVE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
			.keepAliveWithoutCalls(true);
		if (endpoint.tls() || client.getSsl().isEnabled()) {
			builder.useTransportSecurity();
		}
		else {
			builder.usePlaintext();
		}
		return builder.build();
	}

}
