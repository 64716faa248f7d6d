package io.azolla.spring.test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.autoconfigure.AzollaClientAutoConfiguration;
import io.azolla.spring.autoconfigure.AzollaTaskAutoConfiguration;
import io.azolla.spring.autoconfigure.AzollaWorkerAutoConfiguration;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GlobalClientInterceptor;

import static io.azolla.spring.test.AzollaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test auto-configuration with {@link ApplicationContextRunner}, as a library author
 * testing an auto-configuration of their own would use it.
 */
class AzollaTestOrchestratorAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTestOrchestratorAutoConfiguration.class,
				AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				AzollaWorkerAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withBean(KitTestApplication.KitTasks.class)
		.withPropertyValues("azolla.worker.shepherd-group=runner");

	@Test
	void theClientAndTheShepherdOfTheContextUseTheStandIn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AzollaTestOrchestrator.class).hasSingleBean(ShepherdWorker.class);
			assertThat(context.getBean(AzollaClient.class)).isInstanceOf(GrpcAzollaClient.class);
			AzollaTestOrchestrator azolla = context.getBean(AzollaTestOrchestrator.class);

			long sum = context.getBean(AzollaClient.class)
				.submitTask("add")
				.args(40, 2)
				.shepherdGroup("runner")
				.submit()
				.await(WAIT)
				.valueAs(Long.class);

			assertThat(sum).isEqualTo(42);
			assertThat(azolla).hasSubmitted("add").withArgs(40, 2).inShepherdGroup("runner").succeededWith(42);
			assertThat(azolla.awaitShepherd("default", "runner", WAIT).maxConcurrency()).isEqualTo(16);
		});
	}

	@Test
	void theApplicationsOwnEndpointAndChannelTargetAreReplacedAndItsSpringGrpcInterceptorsStillApply() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(GrpcClientAutoConfiguration.class,
					CompositeChannelFactoryAutoConfiguration.class, SslAutoConfiguration.class))
			.withPropertyValues("azolla.client.endpoint=http://orchestrator.invalid:52710",
					"spring.grpc.client.channel.azolla.target=static://orchestrator.invalid:52710")
			.withUserConfiguration(InterceptorConfiguration.class)
			.run((context) -> {
				AzollaTestOrchestrator azolla = context.getBean(AzollaTestOrchestrator.class);
				assertThat(context.getEnvironment().getProperty("azolla.client.endpoint")).isEqualTo(azolla.endpoint());

				long sum = context.getBean(AzollaClient.class)
					.submitTask("add")
					.args(1, 1)
					.shepherdGroup("runner")
					.submit()
					.await(WAIT)
					.valueAs(Long.class);

				assertThat(sum).isEqualTo(2);
				assertThat(context.getBean(CountingInterceptor.class).calls.get()).as("calls seen by the interceptor")
					.isGreaterThanOrEqualTo(2);
			});
	}

	@Test
	void theStandInStopsWithTheContext() {
		AzollaTestOrchestrator[] seen = new AzollaTestOrchestrator[1];
		this.contextRunner.run((context) -> seen[0] = context.getBean(AzollaTestOrchestrator.class));

		assertThat(seen[0].isAvailable()).isFalse();
	}

	@Test
	void embeddedModeFailsStartUpWithAClearMessage() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("azolla.embedded.enabled=false");
		});
	}

	@Test
	void aChannelOfTheApplicationWinsOverTheStandInsChannel() {
		this.contextRunner.withUserConfiguration(OwnChannel.class).run((context) -> {
			assertThat(context.getBean("azollaChannel")).isSameAs(context.getBean(OwnChannel.class).channel);
		});
	}

	static class CountingInterceptor implements ClientInterceptor {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
			this.calls.incrementAndGet();
			return next.newCall(method, options);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterceptorConfiguration {

		@Bean
		@GlobalClientInterceptor
		CountingInterceptor countingInterceptor() {
			return new CountingInterceptor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChannel {

		final ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:1").usePlaintext().build();

		@Bean
		ManagedChannel azollaChannel() {
			return this.channel;
		}

	}

}
