package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.autoconfigure.taskclients.NotATaskClient;
import io.azolla.spring.autoconfigure.taskclients.ScannedGreetings;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.declarative.AzollaTaskClient;
import io.azolla.spring.client.declarative.AzollaTaskClientFactory;
import io.azolla.spring.client.declarative.AzollaTaskClientFactoryCustomizer;
import io.azolla.spring.client.declarative.EnableAzollaTaskClients;
import io.azolla.spring.client.declarative.TaskCall;
import io.azolla.spring.client.declarative.TaskErrorMapping;
import io.azolla.spring.client.declarative.TaskParam;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AzollaTaskClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				AzollaTaskClientAutoConfiguration.class, AzollaWorkerAutoConfiguration.class,
				GrpcClientAutoConfiguration.class, CompositeChannelFactoryAutoConfiguration.class,
				SslAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("azolla.embedded.enabled=true")
		.withUserConfiguration(GreetingTasks.class);

	@Test
	void whenAnInterfaceIsListedThenItIsABeanThatRunsTheTask() {
		this.contextRunner.withUserConfiguration(ListedClients.class).run((context) -> {
			assertThat(context).hasSingleBean(AzollaTaskClientFactory.class).hasSingleBean(Greetings.class);
			assertThat(context).hasBean(Greetings.class.getName());
			Greetings greetings = context.getBean(Greetings.class);
			assertThat(greetings.greet("Ada")).isEqualTo("Hello Ada");
			assertThat(greetings.greetAsync("Bo")).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("Hello Bo");
			assertThat(greetings.greetIn("Chen", "fr")).isEqualTo("Bonjour Chen");
		});
	}

	@Test
	void whenTheTaskFailsThenTheInterfacesExceptionCarriesTheFailure() {
		this.contextRunner.withUserConfiguration(ListedClients.class)
			.withPropertyValues("azolla.tasks.greet.retry.max-attempts=1")
			.run((context) -> {
			Greetings greetings = context.getBean(Greetings.class);
			assertThatExceptionOfType(GreetingRefusedException.class).isThrownBy(() -> greetings.greet("nobody"))
				.withMessage("no name given")
				.withCauseInstanceOf(io.azolla.spring.model.TaskFailedException.class);
		});
	}

	@Test
	void whenAPackageIsScannedThenOnlyAnnotatedInterfacesBecomeBeans() {
		this.contextRunner.withUserConfiguration(ScanningClients.class).run((context) -> {
			assertThat(context).hasSingleBean(ScannedGreetings.class).doesNotHaveBean(NotATaskClient.class);
			assertThat(context.getBean(ScannedGreetings.class).greet("Dee")).isEqualTo("Hello Dee");
		});
	}

	@Test
	void whenTheApplicationDefinesAFactoryThenTheAutoConfiguredOneBacksOff() {
		this.contextRunner.withUserConfiguration(ScanningClients.class, OwnFactory.class).run((context) -> {
			assertThat(context).hasSingleBean(AzollaTaskClientFactory.class);
			assertThat(context.getBean(AzollaTaskClientFactory.class)).isSameAs(context.getBean("ownFactory"));
			assertThat(OwnFactory.created.get()).isEqualTo(1);
			assertThat(context.getBean(ScannedGreetings.class).greet("Eve")).isEqualTo("Hello Eve");
		});
	}

	@Test
	void whenCustomizersAreDefinedThenTheyShapeTheFactory() {
		this.contextRunner.withUserConfiguration(ListedClients.class, PlaceholderCustomizer.class)
			.withPropertyValues("greetings.wait=oops")
			.run((context) -> {
				// The customizer's resolver replaced the placeholder one, so 'oops' never arrives.
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Greetings.class).greet("Fay")).isEqualTo("Hello Fay");
			});
	}

	@Test
	void whenAnnotationValuesHavePlaceholdersThenTheEnvironmentResolvesThem() {
		this.contextRunner.withUserConfiguration(ListedClients.class)
			.withPropertyValues("greetings.wait=oops")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("method greet(String)")
				.hasMessageContaining("invalid waitTimeout 'oops'"));
	}

	@Test
	void whenAMethodCannotBeMappedThenStartUpFailsNamingInterfaceAndMethod() {
		this.contextRunner.withUserConfiguration(BrokenClients.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("Task client " + Broken.class.getName()
						+ ", method greet(String): has no @TaskCall; annotate it with the task to submit, or give it a default body"));
	}

	@Test
	void whenTheTaskRunsOnAPythonWorkerThenAMixedMethodFailsStartUp() {
		this.contextRunner.withUserConfiguration(ListedClients.class)
			.withPropertyValues("azolla.tasks.greet.worker-runtime=python")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Task client " + Greetings.class.getName() + ", method greetIn(String, String)")
				.hasMessageContaining("python worker (azolla.tasks.greet.worker-runtime)"));
	}

	@Test
	void whenTheTaskRunsOnAJavaWorkerThenAMixedMethodIsFine() {
		this.contextRunner.withUserConfiguration(ListedClients.class)
			.withPropertyValues("azolla.tasks.greet.worker-runtime=java")
			.run((context) -> assertThat(context.getBean(Greetings.class).greetIn("Gus", "fr")).isEqualTo("Bonjour Gus"));
	}

	@Test
	void whenTheClientIsDisabledThenThereIsNoFactoryAndARegisteredInterfaceFailsClearly() {
		this.contextRunner.withPropertyValues("azolla.client.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(AzollaTaskClientFactory.class);
		});
		this.contextRunner.withUserConfiguration(ListedClients.class)
			.withPropertyValues("azolla.client.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Task client " + Greetings.class.getName() + " needs an AzollaClient bean"));
	}

	@Test
	void whenAnInterfaceMethodIsCalledThenTheClientObserversSeeItLikeASubmissionInCode() {
		this.contextRunner.withUserConfiguration(ListedClients.class, RecordingObserver.class).run((context) -> {
			RecordingObserver observer = context.getBean(RecordingObserver.class);
			context.getBean(Greetings.class).greet("Hal");
			context.getBean(AzollaClient.class).submitTask("greet").args("Ida").submit().await();

			assertThat(observer.events).containsExactly("submitting greet", "submitting:success", "waiting greet",
					"waiting:success", "submitting greet", "submitting:success", "waiting greet", "waiting:success");
		});
	}

	@AzollaTaskClient
	@TaskErrorMapping(type = "GreetingRefused", exception = GreetingRefusedException.class)
	interface Greetings {

		@TaskCall(value = "greet", waitTimeout = "${greetings.wait:10s}")
		String greet(String name);

		@TaskCall("greet")
		CompletableFuture<String> greetAsync(String name);

		@TaskCall("greet")
		String greetIn(String name, @TaskParam("lang") String lang);

	}

	static class GreetingRefusedException extends RuntimeException {

		public GreetingRefusedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	interface Broken {

		String greet(String name);

	}

	static class GreetingTasks {

		@AzollaTask
		String greet(String name, java.util.Optional<String> lang) {
			if (name.equals("nobody")) {
				throw new TaskException("no name given").type("GreetingRefused").retryable(false);
			}
			return (lang.isPresent() && lang.get().equals("fr") ? "Bonjour " : "Hello ") + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAzollaTaskClients(clients = Greetings.class)
	static class ListedClients {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAzollaTaskClients(basePackageClasses = ScannedGreetings.class)
	static class ScanningClients {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAzollaTaskClients(clients = Broken.class)
	static class BrokenClients {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactory {

		static final AtomicInteger created = new AtomicInteger();

		@Bean
		AzollaTaskClientFactory ownFactory(AzollaClient client) {
			created.incrementAndGet();
			return AzollaTaskClientFactory.of(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderCustomizer {

		@Bean
		AzollaTaskClientFactoryCustomizer fixedValues() {
			return (builder) -> builder.valueResolver((text) -> text.startsWith("${greetings.wait") ? "3s" : text);
		}

	}

	static class RecordingObserver implements ClientObserver {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public Call submitting(String taskName) {
			this.events.add("submitting " + taskName);
			return (outcome, error) -> this.events.add("submitting:" + outcome.tagValue());
		}

		@Override
		public Call waiting(String taskName) {
			this.events.add("waiting " + taskName);
			return (outcome, error) -> this.events.add("waiting:" + outcome.tagValue());
		}

	}

}
