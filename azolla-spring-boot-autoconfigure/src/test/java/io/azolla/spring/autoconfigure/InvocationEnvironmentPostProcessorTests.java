package io.azolla.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

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
	void invocationModeLeavesOutWhatOnlyALongRunningProcessCanUse() {
		commandLine("--task-id", "3f2b1c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d");

		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());

		assertThat(this.environment.getProperty("spring.main.log-startup-info")).isEqualTo("false");
		assertThat(this.environment.getProperty("management.endpoints.access.default")).isEqualTo("none");
		assertThat(this.environment.getProperty("management.prometheus.metrics.export.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("spring.autoconfigure.exclude", String[].class))
			.contains("org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
					"org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration");
	}

	@Test
	void theExcludedAutoConfigurationsAreTheOnesSpringBootShips() {
		// A renamed class would silently stop being excluded; these are on this build's class path.
		assertThat(InvocationEnvironmentPostProcessor.EXCLUDED_AUTO_CONFIGURATIONS)
			.filteredOn((name) -> !name.contains(".log4j2."))
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, getClass().getClassLoader()))
				.as(name)
				.isTrue());
	}

	@Test
	void applicationSettingsWinOverTheInvocationDefaults() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("applicationConfig",
					Map.of("management.prometheus.metrics.export.enabled", "true", "spring.autoconfigure.exclude",
							"com.example.OtherAutoConfiguration")));
		commandLine("--task-id", "3f2b1c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d");

		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());

		assertThat(this.environment.getProperty("management.prometheus.metrics.export.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.autoconfigure.exclude"))
			.isEqualTo("com.example.OtherAutoConfiguration");
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
