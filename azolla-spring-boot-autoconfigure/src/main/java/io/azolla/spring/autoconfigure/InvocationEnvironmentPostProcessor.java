package io.azolla.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches an application started by a shepherd for one task (its command line carries
 * {@code --task-id}) to invocation mode, and trims its start-up: no web server, no banner,
 * lazy bean creation. The settings go in at the lowest precedence, so anything the application
 * sets explicitly still wins.
 */
public class InvocationEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "azollaInvocationDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// Spring parses "--task-id <uuid>" as an option without a value, which is enough here.
		if (!environment.containsProperty("task-id") || environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("azolla.worker.mode", "invocation");
		defaults.put("spring.main.web-application-type", "none");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.lazy-initialization", "true");
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

}
