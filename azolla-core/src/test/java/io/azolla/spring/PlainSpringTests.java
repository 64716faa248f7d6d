package io.azolla.spring;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.embedded.EmbeddedAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.AzollaTaskMethodRegistrar;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core library in a plain Spring application, without Spring Boot: {@code @AzollaTask}
 * beans are found and run through the embedded client, wired by hand as an application
 * without the auto-configuration would.
 */
class PlainSpringTests {

	@Test
	void aPlainSpringContextRegistersTaskBeansAndTheEmbeddedClientRunsThem() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				PlainAzollaConfiguration.class, Greetings.class)) {
			AzollaClient client = context.getBean(AzollaClient.class);

			TaskResult result = client.submitTask("plain_greet").args("Ada").submit().await(Duration.ofSeconds(10));

			assertThat(result.isSuccess()).isTrue();
			assertThat(result.valueAs(String.class)).isEqualTo("Hello, Ada");
			assertThat(context.getBean(TaskRegistry.class).find("plain_greet")).isPresent();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class PlainAzollaConfiguration {

		@Bean
		TaskRegistry taskRegistry() {
			return new TaskRegistry();
		}

		@Bean
		static AzollaTaskMethodRegistrar azollaTaskMethodRegistrar(TaskRegistry taskRegistry) {
			return new AzollaTaskMethodRegistrar(taskRegistry);
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService taskExecutor() {
			return Executors.newFixedThreadPool(2);
		}

		@Bean
		EmbeddedAzollaClient azollaClient(TaskRegistry taskRegistry, ExecutorService taskExecutor) {
			JsonMapper mapper = JsonMapper.builder().build();
			return new EmbeddedAzollaClient(new TaskInvoker(taskRegistry, mapper), TaskDefaults.of(RetryPolicy.none()),
					mapper, taskExecutor, "default", Duration.ofSeconds(30));
		}

	}

	static class Greetings {

		@AzollaTask(name = "plain_greet")
		String greet(String name) {
			return "Hello, " + name;
		}

	}

}
