package io.azolla.spring.test;

import java.time.Duration;

import io.azolla.spring.client.AzollaClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.azolla.spring.test.AzollaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit extension without Spring's test support: the stand-in as a parameter, an
 * application started by hand and pointed at it with {@link AzollaTestOrchestrator#springProperties()}.
 */
@ExtendWith(AzollaTestOrchestratorExtension.class)
class AzollaTestOrchestratorExtensionTests {

	private static AzollaTestOrchestrator fromBeforeAll;

	@BeforeAll
	static void remember(AzollaTestOrchestrator azolla) {
		fromBeforeAll = azolla;
	}

	@Test
	void anApplicationStartedByHandRunsItsTasksThroughTheStandIn(AzollaTestOrchestrator azolla) {
		assertThat(azolla).isSameAs(fromBeforeAll);
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(KitTestApplication.class)
			.web(WebApplicationType.NONE)
			.properties(azolla.springProperties())
			.properties("spring.main.banner-mode=off")
			.run()) {
			long sum = application.getBean(AzollaClient.class)
				.submitTask("add")
				.args(1, 2)
				.submit()
				.await(Duration.ofSeconds(20))
				.valueAs(Long.class);

			assertThat(sum).isEqualTo(3);
			assertThat(azolla).hasSubmitted("add").madeAttempts(1).succeededWith(3);
		}
	}

	@Test
	void eachTestStartsWithNoTasks(AzollaTestOrchestrator azolla) {
		assertThat(azolla).hasNoTasks();
		assertThat(azolla.isAvailable()).isTrue();
	}

	@Nested
	class NestedTests {

		@Test
		void aNestedClassSharesTheStandIn(AzollaTestOrchestrator azolla) {
			assertThat(azolla).isSameAs(fromBeforeAll);
		}

	}

}
