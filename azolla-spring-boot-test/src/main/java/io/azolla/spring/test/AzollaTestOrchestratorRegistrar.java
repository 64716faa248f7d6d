package io.azolla.spring.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the context's {@link AzollaTestOrchestrator} before any bean exists and points the
 * application's configuration at it: {@code azolla.client.endpoint} and the target of Spring
 * gRPC's {@code azolla} channel, in a property source ahead of all others. The application's
 * client and shepherd are then built exactly as in production, through Spring gRPC with its
 * channel settings, customizers and interceptors; only the address differs.
 * <p>
 * The stand-in is registered as a singleton together with its shutdown, so that it stops with
 * the context, also when the context fails to start.
 */
final class AzollaTestOrchestratorRegistrar implements BeanDefinitionRegistryPostProcessor, PriorityOrdered {

	static final String BEAN_NAME = "azollaTestOrchestrator";

	static final String PROPERTY_SOURCE_NAME = "azollaTestOrchestrator";

	private static final String CHANNEL = "spring.grpc.client.channel.azolla.";

	private final ConfigurableEnvironment environment;

	AzollaTestOrchestratorRegistrar(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!(registry instanceof DefaultSingletonBeanRegistry singletons) || singletons.containsSingleton(BEAN_NAME)
				|| registry.containsBeanDefinition(BEAN_NAME)) {
			return;
		}
		if (this.environment.getProperty("azolla.embedded.enabled", Boolean.class, false)) {
			// The embedded client runs tasks in-process and would never reach the stand-in.
			throw new IllegalStateException("azolla.embedded.enabled=true keeps Azolla tasks inside the JVM, so the "
					+ "AzollaTestOrchestrator would see none of them; set azolla.embedded.enabled=false "
					+ "(@AutoConfigureAzollaTestOrchestrator does)");
		}
		AzollaTestOrchestrator orchestrator = AzollaTestOrchestrator.start();
		singletons.registerSingleton(BEAN_NAME, orchestrator);
		singletons.registerDisposableBean(BEAN_NAME, orchestrator::close);
		Map<String, Object> pointing = new LinkedHashMap<>();
		pointing.put("azolla.client.endpoint", orchestrator.endpoint());
		pointing.put("azolla.client.ssl.enabled", false);
		pointing.put(CHANNEL + "target", "static://" + orchestrator.target());
		pointing.put(CHANNEL + "ssl.enabled", false);
		this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, pointing));
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
