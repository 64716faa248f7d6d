package io.azolla.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationEnvironmentPostProcessorTests {

	private final InvocationEnvironmentPostProcessor postProcessor = new InvocationEnvironmentPostProcessor();

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void taskIdOnTheCommandLineSwitchesToInvocationModeWithoutWebServer() {
		commandLine("--task-id", "3f2b1c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d", "--name", "greet");

		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());

		assertThat(this.environment.getProperty("azolla.worker.mode")).isEqualTo("invocation");
		assertThat(this.environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(this.environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
	}

	@Test
	void aTaskIdVariableInTheEnvironmentDoesNotTurnAnApplicationIntoAWorker() {
		this.environment.getPropertySources()
			.addLast(new MapPropertySource("systemEnvironmentLike", Map.of("TASK_ID", "42", "task-id", "42")));

		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());

		assertThat(this.environment.getProperty("azolla.worker.mode")).isNull();
		assertThat(this.environment.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void invocationModeWinsOverAConfiguredShepherdMode() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("applicationConfig", Map.of("azolla.worker.mode", "shepherd",
					"spring.main.lazy-initialization", "false")));
		commandLine("--task-id", "3f2b1c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d");

		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());

		assertThat(this.environment.getProperty("azolla.worker.mode")).isEqualTo("invocation");
		assertThat(this.environment.getProperty("spring.main.lazy-initialization")).isEqualTo("false");
	}

	private void commandLine(String... args) {
		this.environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
	}

}
