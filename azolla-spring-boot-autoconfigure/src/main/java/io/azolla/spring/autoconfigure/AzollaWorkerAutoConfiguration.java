package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.function.IntConsumer;

import io.azolla.spring.retry.TransportRetry;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.InvocationRunner;
import io.azolla.spring.worker.TaskTimeouts;
import io.grpc.netty.NettyChannelBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the worker side: how this application executes the tasks it defines, chosen by
 * {@code azolla.worker.mode}.
 */
@AutoConfiguration(after = { AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class })
@ConditionalOnProperty(name = "azolla.worker.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AzollaProperties.class)
@Import(AzollaWorkerAutoConfiguration.InvocationConfiguration.class)
public final class AzollaWorkerAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "azolla.worker.mode", havingValue = "invocation")
	static class InvocationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InvocationRunner azollaInvocationRunner(TaskInvoker invoker, TaskTimeouts timeouts,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new InvocationRunner(invoker, JsonMappers.of(jsonMapper), timeouts::forTask,
					(endpoint) -> NettyChannelBuilder.forAddress(endpoint.getHost(), endpoint.getPort())
						.usePlaintext()
						.build(),
					new TransportRetry(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)), System.err);
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
	 * Ends the process of an invocation; tests replace it to observe the exit code.
	 */
	@FunctionalInterface
	public interface InvocationExit extends IntConsumer {

	}

}
