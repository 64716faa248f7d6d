package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.embedded.EmbeddedAzollaClient;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.LocalTaskRunner;
import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.invocation.InvocationRunner;
import io.azolla.spring.worker.shepherd.ShepherdSettings;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AzollaWorkerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				AzollaWorkerAutoConfiguration.class, GrpcClientAutoConfiguration.class,
				CompositeChannelFactoryAutoConfiguration.class, SslAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withUserConfiguration(GreetingTasks.class);

	@Test
	void whenNothingIsConfiguredThenTheApplicationBecomesAShepherd() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ShepherdWorker.class).hasSingleBean(WorkerStats.class);
			assertThat(context).doesNotHaveBean(InvocationRunner.class);
		});
	}

	@Test
	void annotatedMethodsAreRegisteredAndRunnableLocally() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(TaskRegistry.class).names()).containsExactly("greet");
			assertThat(context.getBean(LocalTaskRunner.class).execute("greet", "Ada").valueAs(String.class))
				.isEqualTo("Hello Ada");
		});
	}

	@Test
	void whenEmbeddedModeIsOnThenNoShepherdIsCreatedAndTasksRunInProcess() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(ShepherdWorker.class).doesNotHaveBean("azollaChannel");
			assertThat(context.getBean(AzollaClient.class)).isInstanceOf(EmbeddedAzollaClient.class);
			assertThat(context.getBean(AzollaClient.class).submitTask("greet").args("Bo").submit().await(Duration.ofSeconds(5))
				.valueAs(String.class)).isEqualTo("Hello Bo");
		});
	}

	@Test
	void whenModeIsNoneThenNothingExecutesTasks() {
		this.contextRunner.withPropertyValues("azolla.worker.mode=none")
			.run((context) -> assertThat(context).doesNotHaveBean(ShepherdWorker.class)
				.doesNotHaveBean(InvocationRunner.class));
	}

	@Test
	void whenModeIsInvocationThenTheInvocationRunnerReplacesTheShepherd() {
		this.contextRunner
			.withPropertyValues("azolla.worker.mode=invocation")
			.withUserConfiguration(NoExit.class)
			.run((context) -> assertThat(context).hasSingleBean(InvocationRunner.class)
				.doesNotHaveBean(ShepherdWorker.class));
	}

	@Test
	void theEventLoopOfTheInvocationReportEndsWithTheContext() {
		AtomicReference<EventLoopGroup> group = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("azolla.worker.mode=invocation")
			.withUserConfiguration(NoExit.class)
			.run((context) -> {
				group.set(context.getBean(AzollaWorkerAutoConfiguration.InvocationEventLoop.class).group());
				assertThat(group.get().isShuttingDown()).isFalse();
			});
		// The JVM's exit would otherwise wait for an event loop still in its selector.
		assertThat(group.get().isTerminated()).isTrue();
	}

	@Test
	void invocationModeCreatesTheEmptyMessageSourceOnlyWhenAMessageIsAskedFor() {
		this.contextRunner
			.withPropertyValues("azolla.worker.mode=invocation")
			.withUserConfiguration(NoExit.class)
			.run((context) -> {
				DeferredMessageSource messageSource = context.getBean(
						AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME, DeferredMessageSource.class);
				assertThat(messageSource.isInitialized()).isFalse();
				// Answers as the context's own empty message source would.
				assertThat(context.getMessage("greeting", new Object[] { "Ada" }, "Hello {0}", Locale.ENGLISH))
					.isEqualTo("Hello Ada");
				assertThat(messageSource.isInitialized()).isTrue();
				assertThatExceptionOfType(NoSuchMessageException.class)
					.isThrownBy(() -> context.getMessage("greeting", null, Locale.ENGLISH));
				assertThat(context.getMessage(new DefaultMessageSourceResolvable(new String[] { "greeting" },
						new Object[] { "Bo" }, "Hi {0}"), Locale.ENGLISH))
					.isEqualTo("Hi Bo");
			});
	}

	@Test
	void theDeferredMessageSourceAsksItsParentFirst() {
		StaticMessageSource parent = new StaticMessageSource();
		parent.addMessage("greeting", Locale.ENGLISH, "Hello from the parent");
		DeferredMessageSource messageSource = new DeferredMessageSource();
		messageSource.setParentMessageSource(parent);
		assertThat(messageSource.getParentMessageSource()).isSameAs(parent);
		assertThat(messageSource.getMessage("greeting", null, Locale.ENGLISH)).isEqualTo("Hello from the parent");
		StaticMessageSource other = new StaticMessageSource();
		other.addMessage("greeting", Locale.ENGLISH, "Hello from another parent");
		messageSource.setParentMessageSource(other);
		assertThat(messageSource.getMessage("greeting", null, Locale.ENGLISH)).isEqualTo("Hello from another parent");
	}

	@Test
	void invocationModeKeepsTheApplicationsOwnMessageSource() {
		this.contextRunner
			.withPropertyValues("azolla.worker.mode=invocation")
			.withUserConfiguration(NoExit.class, OwnMessageSource.class)
			.run((context) -> assertThat(context.getBean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME))
				.isInstanceOf(StaticMessageSource.class));
	}

	@Test
	void invocationModeKeepsSpringBootsMessageSourceForAMessageBundle() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class))
			.withPropertyValues("azolla.worker.mode=invocation", "spring.messages.basename=test-messages")
			.withUserConfiguration(NoExit.class)
			.run((context) -> {
				assertThat(context.getBean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME))
					.isInstanceOf(ResourceBundleMessageSource.class);
				assertThat(context.getMessage("greeting", null, Locale.ENGLISH)).isEqualTo("Hello from the bundle");
			});
	}

	@Test
	void aShepherdKeepsTheContextsOwnMessageSource() {
		this.contextRunner.run((context) -> assertThat(context)
			.doesNotHaveBean(DeferredMessageSource.class));
	}

	@Test
	void whenWorkerIsDisabledThenNoWorkerBeansExist() {
		this.contextRunner.withPropertyValues("azolla.worker.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ShepherdWorker.class));
	}

	@Test
	void configuredTaskTimeoutWinsOverTheAnnotationAndTheGlobalLimit() {
		this.contextRunner.withPropertyValues("azolla.tasks.greet.timeout=3s", "azolla.worker.task-timeout=1m")
			.run((context) -> {
				TaskTimeouts timeouts = context.getBean(TaskTimeouts.class);
				assertThat(timeouts.forTask("greet")).isEqualTo(Duration.ofSeconds(3));
				assertThat(timeouts.forTask("other")).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void whenMaxConcurrencyIsZeroThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("azolla.worker.max-concurrency=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.worker.max-concurrency"));
	}

	@Test
	void whenTheStatusIntervalIsTooLongForTheOrchestratorThenStartupFails() {
		this.contextRunner.withPropertyValues("azolla.worker.status-interval=5m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.worker.status-interval")
				.hasMessageContaining("at most 60 s"));
	}

	@Test
	void whenATaskTimeoutIsZeroThenStartupFailsInEveryMode() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true", "azolla.tasks.greet.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.tasks.greet.timeout")
				.hasMessageContaining("positive"));
		this.contextRunner.withPropertyValues("azolla.worker.task-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("azolla.worker.task-timeout"));
	}

	@Test
	void theShepherdSettingsBuilderStartsFromTheDefaultsOfTheProperties() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ShepherdWorker.class).settings())
			.isEqualTo(ShepherdSettings.builder(new AzollaProperties().getClient().getDomain()).build()));
	}

	@Test
	void customizersAreAppliedInOrderToTheShepherdSettingsBeforeTheWorkerIsCreated() {
		this.contextRunner.withPropertyValues("azolla.worker.shepherd-group=blue", "azolla.worker.max-concurrency=4")
			.withUserConfiguration(OrderedCustomizers.class)
			.run((context) -> {
				ShepherdSettings settings = context.getBean(ShepherdWorker.class).settings();
				assertThat(context.getBean(OrderedCustomizers.class).applied).containsExactly("first", "second");
				// The later customizer wins where both set a value; the properties fill the rest.
				assertThat(settings.maxConcurrency()).isEqualTo(3);
				assertThat(settings.statusInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.group()).isEqualTo("blue");
			});
	}

	@Test
	void whenACustomizerSetsABadValueThenStartupFailsNamingTheProperty() {
		this.contextRunner.withBean(ShepherdWorkerCustomizer.class, () -> (settings) -> settings.maxConcurrency(0))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("azolla.worker.max-concurrency"));
	}

	@Test
	void invocationModeFollowsTheShepherdTimeoutItInheritedUnlessOneIsConfigured() {
		AzollaProperties properties = new AzollaProperties();
		MockEnvironment inherited = new MockEnvironment().withProperty("AZOLLA_WORKER_TIMEOUT", "90");
		assertThat(AzollaWorkerAutoConfiguration.InvocationConfiguration.shepherdTimeout(properties, inherited))
			.isEqualTo(Duration.ofSeconds(90));
		assertThat(AzollaWorkerAutoConfiguration.InvocationConfiguration.shepherdTimeout(properties, new MockEnvironment()))
			.isEqualTo(Duration.ofSeconds(300));
		properties.getWorker().setShepherdTimeout(Duration.ofSeconds(40));
		assertThat(AzollaWorkerAutoConfiguration.InvocationConfiguration.shepherdTimeout(properties, inherited))
			.isEqualTo(Duration.ofSeconds(40));
		properties.getWorker().setShepherdTimeout(Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> AzollaWorkerAutoConfiguration.InvocationConfiguration.shepherdTimeout(properties, inherited))
			.withMessageContaining("azolla.worker.shepherd-timeout");
	}

	@Test
	void whenTheQueueTimeOutIsNotPositiveThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("azolla.worker.queue-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("azolla.worker.queue-timeout"));
	}

	@Configuration(proxyBeanMethods = false)
	static class GreetingTasks {

		@AzollaTask
		String greet(String name) {
			return "Hello " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoExit {

		@Bean
		AzollaWorkerAutoConfiguration.InvocationExit azollaInvocationExit() {
			return (code) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		final List<String> applied = new CopyOnWriteArrayList<>();

		// Declared in reverse: the order comes from @Order, not from the declaration.
		@Bean
		@Order(2)
		ShepherdWorkerCustomizer secondCustomizer() {
			return (settings) -> {
				this.applied.add("second");
				settings.maxConcurrency(3);
			};
		}

		@Bean
		@Order(1)
		ShepherdWorkerCustomizer firstCustomizer() {
			return (settings) -> {
				this.applied.add("first");
				settings.maxConcurrency(8).statusInterval(Duration.ofSeconds(2));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMessageSource {

		@Bean
		StaticMessageSource messageSource() {
			return new StaticMessageSource();
		}

	}

}
