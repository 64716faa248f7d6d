package io.azolla.spring.autoconfigure;

import io.azolla.spring.worker.shepherd.ShepherdSettings;

/**
 * Callback interface that can be implemented by beans wishing to customize the settings of the
 * auto-configured {@link io.azolla.spring.worker.shepherd.ShepherdWorker} before it is created.
 * The builder starts from the {@code azolla.worker.*} properties; customizers run in
 * {@link org.springframework.core.Ordered order}, and the result is checked like the properties.
 */
@FunctionalInterface
public interface ShepherdWorkerCustomizer {

	/**
	 * Customizes the shepherd's settings.
	 * @param settings the builder to customize
	 */
	void customize(ShepherdSettings.Builder settings);

}
