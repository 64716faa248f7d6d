package io.azolla.spring.autoconfigure;

import java.time.Duration;

import io.azolla.spring.actuate.AzollaEndpoint;
import io.azolla.spring.actuate.AzollaHealthIndicator;
import io.azolla.spring.actuate.AzollaStatus;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.task.AzollaTask;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AzollaActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				AzollaWorkerAutoConfiguration.class, AzollaActuatorAutoConfiguration.class,
				GrpcClientAutoConfiguration.class, CompositeChannelFactoryAutoConfiguration.class,
				SslAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=azolla", "azolla.tasks.explode.retry.max-attempts=1",
				"azolla.tasks.slow.retry.max-attempts=1", "azolla.tasks.slow.timeout=150ms")
		.withUserConfiguration(ObservedTasks.class);

	@Test
	void endpointShowsSuccessFailureAndTimeoutOfRealEmbeddedExecutionsAsJson() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true", "azolla.worker.max-concurrency=4")
			.run((context) -> {
				AzollaClient client = context.getBean(AzollaClient.class);
				assertThat(await(client, "greet", "s3cret-argument").isSuccess()).isTrue();
				assertThat(await(client, "greet", "Ada").isSuccess()).isTrue();
				assertThat(await(client, "explode", "s3cret-argument").isSuccess()).isFalse();
				assertThat(await(client, "slow", "x").failure()).get()
					.satisfies((failure) -> assertThat(failure.type()).isEqualTo("TaskTimeoutError"));
				String json = JsonMapper.builder().build().writeValueAsString(context.getBean(AzollaEndpoint.class).azolla());
				JsonNode root = JsonMapper.builder().build().readTree(json);
				assertThat(root.get("mode").asString()).isEqualTo("embedded");
				assertThat(root.at("/connection/state").asString()).isEqualTo("EMBEDDED");
				assertThat(root.at("/capacity/max").asInt()).isEqualTo(4);
				assertThat(root.at("/capacity/running").asInt()).isZero();
				assertThat(root.at("/tasks/greet/runs").asLong()).isEqualTo(2);
				assertThat(root.at("/tasks/greet/successes").asLong()).isEqualTo(2);
				assertThat(root.at("/tasks/greet/errors").asLong()).isZero();
				assertThat(Duration.parse(root.at("/tasks/greet/meanDuration").asString())).isPositive();
				assertThat(root.at("/tasks/explode/errors").asLong()).isEqualTo(1);
				assertThat(root.at("/tasks/explode/lastErrorType").asString()).isEqualTo("IllegalStateException");
				assertThat(root.at("/tasks/explode/lastErrorAt").asString()).isNotBlank();
				assertThat(root.at("/tasks/slow/errors").asLong()).isEqualTo(1);
				assertThat(root.at("/tasks/slow/lastErrorType").asString()).isEqualTo("TaskTimeoutError");
				assertThat(Duration.parse(root.at("/tasks/slow/lastDuration").asString()))
					.isGreaterThanOrEqualTo(Duration.ofMillis(150));
				assertThat(root.at("/tasks/idle/runs").asLong()).isZero();
				assertThat(root.at("/tasks/idle/totalDuration").asString()).isEqualTo("PT0S");
				assertThat(json).doesNotContain("s3cret-argument").doesNotContain("Hello").doesNotContain("boom");
			});
	}

	@Test
	void taskSelectorReturnsOneTaskZerosForARegisteredIdleTaskAndNullForAnUnknownOne() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true").run((context) -> {
			await(context.getBean(AzollaClient.class), "greet", "Ada");
			AzollaEndpoint endpoint = context.getBean(AzollaEndpoint.class);
			assertThat(endpoint.task("greet").runs()).isEqualTo(1);
			assertThat(endpoint.task("greet").successes()).isEqualTo(1);
			assertThat(endpoint.task("idle").runs()).isZero();
			assertThat(endpoint.task("idle").lastDuration()).isNull();
			assertThat(endpoint.task("no_such_task")).isNull();
		});
	}

	@Test
	void whenEmbeddedThenHealthIsUp() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true")
			.run((context) -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
	}

	@Test
	void whenShepherdCannotReachTheOrchestratorThenHealthIsDownWithSafeDetails() {
		this.contextRunner
			.withPropertyValues("azolla.client.endpoint=http://user:secret@localhost:1", "azolla.worker.reconnect.initial=50ms")
			.run((context) -> {
				assertThat(context.getBean(AzollaStatus.class).mode()).isEqualTo(AzollaStatus.Mode.SHEPHERD);
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("mode", "shepherd").containsKey("state");
				assertThat(health.getDetails().toString()).doesNotContain("secret");
				AzollaEndpoint.ConnectionDescriptor connection = context.getBean(AzollaEndpoint.class)
					.azolla()
					.connection();
				assertThat(connection.endpoint()).doesNotContain("secret");
				assertThat(connection.domain()).isEqualTo("default");
				assertThat(connection.group()).isEqualTo("default");
			});
	}

	@Test
	void whenShepherdHasNoTasksThenHealthStaysUp() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class,
					AzollaClientAutoConfiguration.class, AzollaWorkerAutoConfiguration.class,
					AzollaActuatorAutoConfiguration.class, JacksonAutoConfiguration.class))
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("mode", "shepherd").containsEntry("state", "IDLE");
			});
	}

	@Test
	void whenModeIsNoneThenTheEndpointSaysSoAndListsTasksWithZeros() {
		this.contextRunner.withPropertyValues("azolla.worker.mode=none").run((context) -> {
			AzollaEndpoint.AzollaDescriptor descriptor = context.getBean(AzollaEndpoint.class).azolla();
			assertThat(descriptor.mode()).isEqualTo("none");
			assertThat(descriptor.connection().state()).isEqualTo("IDLE");
			assertThat(descriptor.tasks()).containsOnlyKeys("explode", "greet", "idle", "slow");
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void whenHealthIndicatorIsDisabledThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true", "management.health.azolla.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AzollaHealthIndicator.class)
				.hasSingleBean(AzollaEndpoint.class));
	}

	@Test
	void whenEndpointIsNotExposedThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true", "management.endpoints.web.exposure.include=")
			.run((context) -> assertThat(context).doesNotHaveBean(AzollaEndpoint.class)
				.hasSingleBean(AzollaHealthIndicator.class));
	}

	@Test
	void whenActuatorIsAbsentThenTheStarterStillRunsTasks() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.withPropertyValues("azolla.embedded.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(AzollaEndpoint.class)
					.doesNotHaveBean(AzollaHealthIndicator.class);
				assertThat(await(context.getBean(AzollaClient.class), "greet", "Ada").valueAs(String.class))
					.isEqualTo("Hello Ada");
			});
	}

	@Test
	void whenUserDefinesTheEndpointThenAutoConfigurationBacksOff() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true")
			.withBean("customAzollaEndpoint", AzollaEndpoint.class,
					() -> new AzollaEndpoint(new AzollaStatus(AzollaStatus.Mode.NONE, new io.azolla.spring.worker.WorkerStats(),
							new io.azolla.spring.task.TaskRegistry(), null, null, "d", null)))
			.run((context) -> assertThat(context).hasSingleBean(AzollaEndpoint.class).hasBean("customAzollaEndpoint"));
	}

	private static TaskResult await(AzollaClient client, String task, String argument) {
		return client.submitTask(task).args(argument).submit().await(Duration.ofSeconds(10));
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(AzollaHealthIndicator.class).health(true);
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservedTasks {

		@AzollaTask
		String greet(String name) {
			return "Hello " + name;
		}

		@AzollaTask
		String explode(String secret) {
			throw new IllegalStateException("boom");
		}

		@AzollaTask
		String slow(String ignored) throws InterruptedException {
			Thread.sleep(5_000);
			return "late";
		}

		@AzollaTask
		void idle() {
		}

	}

}
