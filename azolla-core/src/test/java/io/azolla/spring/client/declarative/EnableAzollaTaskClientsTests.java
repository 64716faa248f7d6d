package io.azolla.spring.client.declarative;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EnableAzollaTaskClients} in a plain Spring context, without Spring Boot's
 * auto-configuration: the interfaces are made with a factory built from the context's client.
 */
class EnableAzollaTaskClientsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PlainSpring.class);

	@Test
	void withoutAFactoryBeanTheContextsClientMakesTheInterfaces() {
		this.contextRunner.withPropertyValues("echo.wait=2s").run((context) -> {
			RecordingAzollaClient client = context.getBean(RecordingAzollaClient.class);
			client.answerJson("\"hi\"");

			assertThat(context.getBean(Echo.class).echo("hi")).isEqualTo("hi");
			assertThat(client.lastRequest().argsJson()).isEqualTo("[\"hi\"]");
			// The placeholder was resolved by the context.
			assertThat(client.waits).containsExactly(Duration.ofSeconds(2));
		});
	}

	@Test
	void listingAnInterfaceTwiceRegistersItOnce() {
		this.contextRunner.withUserConfiguration(AgainListed.class).withPropertyValues("echo.wait=1s")
			.run((context) -> assertThat(context).hasSingleBean(Echo.class));
	}

	@Test
	void theInterfacesBeanDefinitionCarriesItsTypeAsSpringAotKeepsIt() {
		this.contextRunner.withPropertyValues("echo.wait=1s").run((context) -> {
			String name = context.getBeanNamesForType(Echo.class)[0];
			ResolvableType type = context.getBeanFactory().getMergedBeanDefinition(name).getResolvableType();
			assertThat(type.as(FactoryBean.class).getGeneric().resolve()).isEqualTo(Echo.class);
		});
	}

	interface Echo {

		@TaskCall(value = "echo", waitTimeout = "${echo.wait}")
		String echo(String text);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAzollaTaskClients(clients = Echo.class)
	static class PlainSpring {

		@Bean
		RecordingAzollaClient recordingAzollaClient() {
			return new RecordingAzollaClient();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAzollaTaskClients(clients = Echo.class)
	static class AgainListed {

	}

}
