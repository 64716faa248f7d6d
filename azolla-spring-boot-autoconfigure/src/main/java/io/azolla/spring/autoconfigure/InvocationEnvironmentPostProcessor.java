package io.azolla.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Switches an application started by a shepherd for one task (its command line carries
 * {@code --task-id}) to invocation mode, and trims its start-up: no web server, no banner,
 * no start-up info log, lazy bean creation, and none of what only a long-running process can
 * use: actuator endpoints (nothing could call them without a web server or JMX), the
 * Prometheus registry (nothing could scrape it) and the JVM, system, logging, executor, SSL
 * and start-up meter binders (a process of one task has nothing to say about them). The
 * mode is forced; the start-up settings go in at the lowest precedence, so anything the
 * application sets explicitly for them still wins (an application that sets
 * {@code spring.autoconfigure.exclude} itself replaces the list below).
 */
public class InvocationEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "azollaInvocationDefaults";

	static final String MODE_SOURCE_NAME = "azollaInvocationMode";

	/**
	 * Meter binders that describe a long-running process. A name whose class is absent is
	 * ignored by Spring Boot.
	 */
	static final List<String> EXCLUDED_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.logging.log4j2.Log4J2MetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.startup.StartupTimeMetricsListenerAutoConfiguration");

	/**
	 * Looks at the command line only: a {@code TASK_ID} environment variable or a property
	 * named {@code task-id} elsewhere must not turn an ordinary application into a worker.
	 * Spring reads {@code --task-id <uuid>} as an option without a value, which is enough.
	 */
	private static boolean startedForOneTask(ConfigurableEnvironment environment) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		return commandLine != null && commandLine.containsProperty("task-id");
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!startedForOneTask(environment) || environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		// The mode must win over any configured one: a process started for one task that
		// registered as a shepherd instead would never report that task.
		environment.getPropertySources()
			.addFirst(new MapPropertySource(MODE_SOURCE_NAME, Map.of("azolla.worker.mode", "invocation")));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.web-application-type", "none");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.lazy-initialization", "true");
		defaults.put("spring.main.log-startup-info", "false");
		defaults.put("management.endpoints.access.default", "none");
		defaults.put("management.prometheus.metrics.export.enabled", "false");
		defaults.put("spring.autoconfigure.exclude", String.join(",", EXCLUDED_AUTO_CONFIGURATIONS));
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

}
