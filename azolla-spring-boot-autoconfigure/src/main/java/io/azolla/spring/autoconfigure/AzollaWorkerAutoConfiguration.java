package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.AzollaThreads;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.invocation.InvocationRunner;
import io.azolla.spring.worker.shepherd.ShepherdSettings;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import io.grpc.ManagedChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the worker side: how this application executes the tasks it defines, chosen by
 * {@code azolla.worker.mode}.
 */
@AutoConfiguration(after = { AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
		MessageSourceAutoConfiguration.class })
@ConditionalOnProperty(name = "azolla.worker.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AzollaProperties.class)
@Import({ AzollaWorkerAutoConfiguration.InvocationConfiguration.class,
		AzollaWorkerAutoConfiguration.ShepherdConfiguration.class })
public final class AzollaWorkerAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "azolla.worker.mode", havingValue = "invocation")
	static class InvocationConfiguration {

		/**
		 * The one event loop of the report's channel. gRPC's shared default would outlive the
		 * channel by a second, and the JVM's exit waits about 300 ms for a thread that is still
		 * in native code (an event loop in its selector), so this one is owned here and ended
		 * when the context closes, before the process exits. Plain NIO: the native epoll
		 * transport would be extracted and loaded for a single connection.
		 */
		@Bean
		InvocationEventLoop azollaInvocationEventLoop() {
			return new InvocationEventLoop();
		}

		/**
		 * The runner of the one task: its channel to the shepherd is built like the client's
		 * (message size, keepalive, SSL bundle, channel customizers) and its report is retried
		 * per {@code azolla.client.transport-retry.*}.
		 */
		@Bean
		@ConditionalOnMissingBean
		InvocationRunner azollaInvocationRunner(TaskInvoker invoker, TaskTimeouts timeouts,
				ObjectProvider<JsonMapper> jsonMapper, WorkerStats stats, ObjectProvider<TaskExecutionListener> listeners,
				AzollaProperties properties, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<AzollaChannelCustomizer> channelCustomizers, InvocationEventLoop eventLoop,
				Environment environment) {
			AzollaChannels channels = AzollaClientAutoConfiguration.channels(properties, sslBundles, channelCustomizers);
			return new InvocationRunner(invoker, JsonMappers.of(jsonMapper), timeouts::forTask,
					(endpoint) -> channels.shepherd(endpoint, eventLoop.group()),
					AzollaClientAutoConfiguration.transportRetry(properties.getClient()), System.err,
					executionListeners(stats, 1, listeners), shepherdTimeout(properties, environment));
		}

		/**
		 * The configured shepherd time-out, else the one the shepherd passed down in its
		 * environment, else its default.
		 */
		static Duration shepherdTimeout(AzollaProperties properties, Environment environment) {
			Duration configured = properties.getWorker().getShepherdTimeout();
			if (configured == null) {
				return InvocationRunner.shepherdTimeout(environment::getProperty);
			}
			if (configured.isNegative() || configured.isZero()) {
				throw new InvalidConfigurationPropertyValueException("azolla.worker.shepherd-timeout", configured,
						"must be positive");
			}
			return configured;
		}

		/**
		 * The context's message source when the application has none (no {@code messages}
		 * bundle, no bean of its own): the empty one the context would create, created on
		 * first use instead of during the refresh.
		 */
		@Bean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
		@ConditionalOnMissingBean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME,
				search = SearchStrategy.CURRENT)
		DeferredMessageSource messageSource() {
			return new DeferredMessageSource();
		}

		@Bean
		@ConditionalOnMissingBean
		InvocationExit azollaInvocationExit() {
			return System::exit;
		}

		@Bean
		InvocationApplicationRunner azollaInvocationApplicationRunner(InvocationRunner runner,
				ApplicationContext context, InvocationExit exit) {
			return new InvocationApplicationRunner(runner, context, exit);
		}

	}

	/**
	 * The application as a long-running shepherd of a real orchestrator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "azolla.worker.mode", havingValue = "shepherd", matchIfMissing = true)
	@ConditionalOnBean(name = "azollaChannel")
	static class ShepherdConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		@ConditionalOnMissingBean(name = "azollaWorkerExecutor")
		@ConditionalOnThreading(Threading.PLATFORM)
		ExecutorService azollaWorkerExecutor() {
			return AzollaThreads.newCachedPool("azolla-worker-");
		}

		@Bean(name = "azollaWorkerExecutor")
		@ConditionalOnMissingBean(name = "azollaWorkerExecutor")
		@ConditionalOnThreading(Threading.VIRTUAL)
		SimpleAsyncTaskExecutor azollaVirtualWorkerExecutor() {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("azolla-worker-");
			executor.setVirtualThreads(true);
			return executor;
		}

		@Bean
		@ConditionalOnMissingBean
		ShepherdWorker azollaShepherdWorker(ManagedChannel azollaChannel, AzollaProperties properties,
				TaskInvoker invoker, TaskTimeouts timeouts, @Qualifier("azollaWorkerExecutor") Executor azollaWorkerExecutor,
				WorkerStats stats, ObjectProvider<TaskExecutionListener> listeners,
				ObjectProvider<ShepherdWorkerCustomizer> customizers) {
			ShepherdSettings.Builder builder = shepherdSettings(properties);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			ShepherdSettings settings = build(builder);
			// The same limits as every other mode: configuration, then the annotation, then global.
			TaskExecutionEngine engine = new TaskExecutionEngine(invoker, settings.maxConcurrency(), timeouts::forTask,
					azollaWorkerExecutor);
			Duration queueTimeout = properties.getWorker().getQueueTimeout();
			if (queueTimeout == null || queueTimeout.isNegative() || queueTimeout.isZero()) {
				throw new InvalidConfigurationPropertyValueException("azolla.worker.queue-timeout", queueTimeout,
						"must be positive");
			}
			engine.queueTimeout(queueTimeout);
			listeners.orderedStream().forEach(engine::addListener);
			return new ShepherdWorker(azollaChannel, settings, engine, stats);
		}

		private static ShepherdSettings.Builder shepherdSettings(AzollaProperties properties) {
			AzollaProperties.Worker worker = properties.getWorker();
			String domain = (worker.getDomain() != null) ? worker.getDomain() : properties.getClient().getDomain();
			return ShepherdSettings.builder(domain)
				.group(worker.getShepherdGroup())
				.maxConcurrency(worker.getMaxConcurrency())
				.statusInterval(worker.getStatusInterval())
				.reconnect(worker.getReconnect().getInitial(), worker.getReconnect().getMax(),
						worker.getReconnect().getMultiplier())
				.shutdownTimeout(worker.getShutdownTimeout())
				.taskTimeout(worker.getTaskTimeout());
		}

		/**
		 * Builds the settings, which check themselves; a bad value is reported by its property.
		 */
		private static ShepherdSettings build(ShepherdSettings.Builder builder) {
			try {
				return builder.build();
			}
			catch (ShepherdSettings.InvalidSettingException ex) {
				throw new InvalidConfigurationPropertyValueException(ex.property(), ex.value(), ex.reason());
			}
		}

	}

	/**
	 * Returns the listeners of a mode that runs tasks without an engine: the statistics first,
	 * then the application's listener beans (metrics among them).
	 */
	static List<TaskExecutionListener> executionListeners(WorkerStats stats, int maxConcurrency,
			ObjectProvider<TaskExecutionListener> listeners) {
		List<TaskExecutionListener> all = new ArrayList<>();
		all.add(stats.executionListener(maxConcurrency));
		listeners.orderedStream().forEach(all::add);
		return all;
	}

	/**
	 * The event loop of an invocation's report channel, created on first use and shut down
	 * without a quiet period when the context closes.
	 */
	static final class InvocationEventLoop implements DisposableBean {

		private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

		private EventLoopGroup group;

		synchronized EventLoopGroup group() {
			if (this.group == null) {
				this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("azolla-invocation", true),
						NioIoHandler.newFactory());
			}
			return this.group;
		}

		@Override
		public synchronized void destroy() {
			if (this.group != null) {
				// The channel is shut down by then; nothing is left to drain.
				this.group.shutdownGracefully(0, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
					.awaitUninterruptibly(SHUTDOWN_WAIT.toMillis());
			}
		}

	}

	/**
	 * Ends the process of an invocation; tests replace it to observe the exit code.
	 */
	@FunctionalInterface
	public interface InvocationExit extends IntConsumer {

	}

}
