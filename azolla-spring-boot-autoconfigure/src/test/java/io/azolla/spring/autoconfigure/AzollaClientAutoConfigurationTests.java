package io.azolla.spring.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.CreateTaskResponse;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.WaitSchedule;
import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.retry.BackoffStrategy;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class AzollaClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaClientAutoConfiguration.class, GrpcClientAutoConfiguration.class,
				CompositeChannelFactoryAutoConfiguration.class, SslAutoConfiguration.class,
				JacksonAutoConfiguration.class));

	@Test
	void whenNothingIsConfiguredThenClientUsesTheOfficialDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GrpcAzollaClient.class).hasBean("azollaChannel");
			assertThat(context.getBean(AzollaClient.class).domain()).isEqualTo("default");
			AzollaClientSettings settings = context.getBean(AzollaClientSettings.class);
			assertThat(settings.rpcTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(settings.defaultWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(settings.maxMessageBytes()).isEqualTo(4L * 1024 * 1024);
			assertThat(settings.transportRetry().maxAttempts()).isEqualTo(5);
			assertThat(azollaChannel(context).getTarget()).isEqualTo("static://localhost:52710");
			assertThat(azollaChannel(context).getSsl().getEnabled()).isFalse();
			assertThat(azollaChannel(context).getInbound().getMessage().getMaxSize()).isEqualTo(DataSize.ofMegabytes(4));
			assertThat(context.getBean(TaskDefaults.class).retryPolicy("any")).isEqualTo(RetryPolicy.defaults());
		});
	}

	@Test
	void whenClientPropertiesAreSetThenTheyReachSettingsAndChannel() {
		this.contextRunner
			.withPropertyValues("azolla.client.endpoint=https://orchestrator.internal:9443", "azolla.client.domain=billing",
					"azolla.client.timeout=5s", "azolla.client.wait-timeout=2m", "azolla.client.max-message-size=8MB",
					"azolla.client.transport-retry.max-attempts=7")
			.run((context) -> {
				AzollaClientSettings settings = context.getBean(AzollaClientSettings.class);
				assertThat(settings.domain()).isEqualTo("billing");
				assertThat(settings.rpcTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(settings.defaultWait()).isEqualTo(Duration.ofMinutes(2));
				assertThat(settings.maxMessageBytes()).isEqualTo(8L * 1024 * 1024);
				assertThat(settings.transportRetry().maxAttempts()).isEqualTo(7);
				assertThat(azollaChannel(context).getTarget()).isEqualTo("static://orchestrator.internal:9443");
				assertThat(azollaChannel(context).getSsl().getEnabled()).isTrue();
				assertThat(azollaChannel(context).getInbound().getMessage().getMaxSize())
					.isEqualTo(DataSize.ofMegabytes(8));
			});
	}

	@Test
	void whenNoWaitScheduleIsConfiguredThenWaitsProbeWithTheClientDefaults() {
		this.contextRunner.run((context) -> assertThat(context.getBean(AzollaClientSettings.class).waitSchedule())
			.isEqualTo(WaitSchedule.defaults()));
	}

	@Test
	void whenWaitPropertiesAreSetThenTheyFormTheWaitSchedule() {
		this.contextRunner
			.withPropertyValues("azolla.client.wait.first-probe=5ms", "azolla.client.wait.probe-growth=2",
					"azolla.client.wait.probe-phase=1s", "azolla.client.wait.max-probe-rate=50",
					"azolla.client.wait.max-open-waits=3", "azolla.client.wait.remember-long-tasks=false")
			.run((context) -> assertThat(context.getBean(AzollaClientSettings.class).waitSchedule())
				.isEqualTo(new WaitSchedule(Duration.ofMillis(5), 2.0, Duration.ofSeconds(1), 50, 3, false)));
	}

	@Test
	void whenTheProbeGrowthIsBelowOneThenStartupFailsNamingIt() {
		this.contextRunner.withPropertyValues("azolla.client.wait.probe-growth=0.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("probeGrowth must be at least 1"));
	}

	@Test
	void whenAnSslBundleIsNamedThenTheChannelIsBuiltWithIt() {
		this.contextRunner.withPropertyValues("azolla.client.ssl.enabled=true", "azolla.client.ssl.bundle=azolla-mtls")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("SSL bundle name 'azolla-mtls'"));
	}

	@Test
	void whenSpringGrpcChannelIsConfiguredDirectlyThenItWinsOverTheEndpoint() {
		this.contextRunner
			.withPropertyValues("azolla.client.endpoint=http://ignored:1",
					"spring.grpc.client.channel.azolla.target=static://chosen:2")
			.run((context) -> assertThat(azollaChannel(context).getTarget()).isEqualTo("static://chosen:2"));
	}

	@Test
	void whenNothingIsConfiguredThenTheChannelNoticesADeadConnectionWithinSeconds() {
		this.contextRunner.run((context) -> {
			GrpcClientProperties.Channel.Keepalive keepalive = azollaChannel(context).getKeepalive();
			assertThat(keepalive.getTime()).isEqualTo(Duration.ofSeconds(10));
			assertThat(keepalive.getTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(keepalive.isWithoutCalls()).isTrue();
		});
	}

	@Test
	void whenKeepaliveIsConfiguredForTheChannelThenItWins() {
		this.contextRunner
			.withPropertyValues("spring.grpc.client.channel.azolla.keepalive.time=1m",
					"spring.grpc.client.channel.azolla.keepalive.without-calls=false",
					"spring.grpc.client.channel.azolla.inbound.message.max-size=1MB", "azolla.client.max-message-size=8MB")
			.run((context) -> {
				GrpcClientProperties.Channel channel = azollaChannel(context);
				assertThat(channel.getKeepalive().getTime()).isEqualTo(Duration.ofMinutes(1));
				assertThat(channel.getKeepalive().isWithoutCalls()).isFalse();
				assertThat(channel.getInbound().getMessage().getMaxSize()).isEqualTo(DataSize.ofMegabytes(1));
				// What the application did not set still comes from azolla.client.*.
				assertThat(channel.getKeepalive().getTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(channel.getTarget()).isEqualTo("static://localhost:52710");
			});
	}

	@Test
	void whenOnlyASpringGrpcBundleIsNamedForTheChannelThenSpringGrpcEnablesTlsForIt() {
		this.contextRunner.withPropertyValues("spring.grpc.client.channel.azolla.ssl.bundle=mine")
			.withBean("azollaChannel", ManagedChannel.class, () -> mock(ManagedChannel.class))
			.run((context) -> {
				assertThat(azollaChannel(context).getSsl().getBundle()).isEqualTo("mine");
				assertThat(azollaChannel(context).getSsl().getEnabled()).isNull();
			});
	}

	@Test
	void whenPerTaskSettingsAreSetThenTheyAreMergedOverTheGlobalPolicy() {
		this.contextRunner
			.withPropertyValues("azolla.retry.max-attempts=4", "azolla.retry.backoff.strategy=fixed",
					"azolla.retry.backoff.delay=250ms", "azolla.tasks.send_email.retry.max-attempts=10",
					"azolla.tasks.send_email.shepherd-group=mail", "azolla.tasks.report.retry.include-errors=IOError")
			.run((context) -> {
				TaskDefaults defaults = context.getBean(TaskDefaults.class);
				RetryPolicy global = defaults.retryPolicy("other");
				assertThat(global.maxAttempts()).hasValue(4);
				assertThat(global.strategy()).isEqualTo(BackoffStrategy.FIXED);
				assertThat(global.delay()).isEqualTo(Duration.ofMillis(250));
				RetryPolicy mail = defaults.retryPolicy("send_email");
				assertThat(mail.maxAttempts()).hasValue(10);
				assertThat(mail.strategy()).isEqualTo(BackoffStrategy.FIXED);
				assertThat(defaults.shepherdGroup("send_email")).contains("mail");
				assertThat(defaults.shepherdGroup("other")).isEmpty();
				assertThat(defaults.retryPolicy("report").includeErrors()).containsExactly("IOError");
				assertThat(defaults.retryPolicy("report").excludeErrors())
					.containsExactlyElementsOf(RetryPolicy.NON_RETRYABLE_ERROR_TYPES);
			});
	}

	@Test
	void whenATaskSetsSomeBackoffValuesThenOnlyThoseReplaceTheGlobalOnes() {
		this.contextRunner
			.withPropertyValues("azolla.retry.backoff.initial-delay=2s", "azolla.retry.backoff.max-delay=1m",
					"azolla.retry.max-elapsed=10m", "azolla.tasks.report.retry.backoff.multiplier=3",
					"azolla.tasks.report.retry.backoff.max-delay=30s", "azolla.tasks.report.worker-runtime=python")
			.run((context) -> {
				TaskDefaults defaults = context.getBean(TaskDefaults.class);
				RetryPolicy report = defaults.retryPolicy("report");
				assertThat(report.multiplier()).isEqualTo(3.0);
				assertThat(report.maxDelay()).isEqualTo(Duration.ofSeconds(30));
				assertThat(report.initialDelay()).isEqualTo(Duration.ofSeconds(2));
				assertThat(report.maxElapsed()).hasValue(Duration.ofMinutes(10));
				assertThat(report.maxAttempts()).hasValue(5);
				assertThat(report.strategy()).isEqualTo(BackoffStrategy.EXPONENTIAL_JITTER);
				assertThat(defaults.retryPolicy("other").multiplier()).isEqualTo(2.0);
				assertThat(defaults.workerRuntime("report")).contains(WorkerRuntime.PYTHON);
				assertThat(defaults.workerRuntime("other")).isEmpty();
			});
	}

	@Test
	void whenTheRetryMultiplierIsBelowOneThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("azolla.retry.backoff.multiplier=0.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.retry.backoff.multiplier")
				.hasMessageContaining("at least 1"));
	}

	@Test
	void whenMaxAttemptsIsZeroThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("azolla.retry.max-attempts=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.retry.max-attempts"));
	}

	@Test
	void whenATaskDelayIsNegativeThenStartupFailsNamingTheTaskProperty() {
		this.contextRunner.withPropertyValues("azolla.tasks.send_email.retry.backoff.initial-delay=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.tasks.send_email.retry.backoff.initial-delay")
				.hasMessageContaining("must not be negative"));
	}

	@Test
	void whenATaskGroupIsEmptyThenStartupFails() {
		this.contextRunner.withPropertyValues("azolla.tasks.send_email.shepherd-group=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.tasks.send_email.shepherd-group"));
	}

	@Test
	void whenTheEndpointIsNotHttpThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("azolla.client.endpoint=localhost:52710")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("azolla.client.endpoint")
				.hasMessageContaining("http://"));
	}

	@Test
	void whenTransportRetryIsInvalidThenStartupFails() {
		this.contextRunner.withPropertyValues("azolla.client.transport-retry.max-attempts=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("transport-retry.max-attempts"));
	}

	@Test
	void whenUserDefinesClientThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AzollaClient.class).doesNotHaveBean(GrpcAzollaClient.class);
			assertThat(context.getBean(AzollaClient.class)).isSameAs(context.getBean("myClient"));
		});
	}

	@Test
	void whenUserDefinesTaskDefaultsThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(UserDefaultsConfiguration.class)
			.run((context) -> assertThat(context.getBean(TaskDefaults.class).retryPolicy("x"))
				.isEqualTo(RetryPolicy.none()));
	}

	@Test
	void whenClientIsDisabledThenNoClientIsCreated() {
		this.contextRunner.withPropertyValues("azolla.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AzollaClient.class).doesNotHaveBean("azollaChannel"));
	}

	@Test
	void whenSpringGrpcIsAbsentThenClientBuildsItsOwnChannel() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AzollaClientAutoConfiguration.class, SslAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(GrpcChannelFactory.class).hasSingleBean(GrpcAzollaClient.class);
				assertThat(context.getBean("azollaChannel", ManagedChannel.class).authority()).isEqualTo("localhost:52710");
			});
	}

	@Test
	void clientSubmitsThroughTheSpringGrpcChannelInPlaintext() throws IOException {
		AtomicReference<CreateTaskRequest> received = new AtomicReference<>();
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new ClientServiceGrpc.ClientServiceImplBase() {

				@Override
				public void createTask(CreateTaskRequest request, StreamObserver<CreateTaskResponse> observer) {
					received.set(request);
					observer.onNext(CreateTaskResponse.newBuilder().setTaskId("5d1c2a52-0000-4000-8000-000000000001").build());
					observer.onCompleted();
				}

			})
			.build()
			.start();
		try {
			this.contextRunner
				.withPropertyValues("azolla.client.endpoint=http://127.0.0.1:" + server.getPort(),
						"azolla.client.domain=orders", "azolla.tasks.ship.shepherd-group=warehouse")
				.run((context) -> {
					String id = context.getBean(AzollaClient.class).submitTask("ship").args("A-1").submit().id();
					assertThat(id).isEqualTo("5d1c2a52-0000-4000-8000-000000000001");
					assertThat(received.get().getDomain()).isEqualTo("orders");
					assertThat(received.get().getShepherdGroup()).isEqualTo("warehouse");
					assertThat(received.get().getArgs()).isEqualTo("[\"A-1\"]");
				});
		}
		finally {
			server.shutdownNow();
		}
	}

	private static GrpcClientProperties.Channel azollaChannel(ApplicationContext context) {
		return context.getBean(GrpcClientProperties.class).getChannel().get("azolla");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		AzollaClient myClient() {
			return mock(AzollaClient.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDefaultsConfiguration {

		@Bean
		TaskDefaults myDefaults() {
			return TaskDefaults.of(RetryPolicy.none());
		}

	}

}
