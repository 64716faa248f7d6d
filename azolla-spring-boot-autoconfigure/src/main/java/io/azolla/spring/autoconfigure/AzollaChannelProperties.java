package io.azolla.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Derives the gRPC channel settings of the {@value #CHANNEL} channel from {@code azolla.client.*},
 * as a lowest-precedence property source. Anything the application sets under
 * {@code spring.grpc.client.channel.azolla.*} therefore wins, and every other Spring gRPC
 * channel setting (keepalive, interceptors, customizers) applies to Azolla's channel as usual.
 * <p>
 * It runs as a bean factory post-processor so that the settings exist before Spring gRPC
 * binds its properties.
 */
final class AzollaChannelProperties implements BeanFactoryPostProcessor, Ordered {

	/** The name of the Spring gRPC channel the client uses. */
	static final String CHANNEL = "azolla";

	static final String SOURCE_NAME = "azollaChannelDefaults";

	private static final String PREFIX = "spring.grpc.client.channel." + CHANNEL + ".";

	private final ConfigurableEnvironment environment;

	AzollaChannelProperties(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		this.environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, derive(this.environment)));
	}

	static Map<String, Object> derive(ConfigurableEnvironment environment) {
		OrchestratorEndpoint endpoint = OrchestratorEndpoint
			.parse(environment.getProperty("azolla.client.endpoint", "http://localhost:52710"));
		boolean tls = endpoint.tls() || environment.getProperty("azolla.client.ssl.enabled", Boolean.class, false);
		Map<String, Object> derived = new LinkedHashMap<>();
		derived.put(PREFIX + "target", "static://" + endpoint.authority());
		derived.put(PREFIX + "ssl.enabled", tls);
		String bundle = environment.getProperty("azolla.client.ssl.bundle");
		if (StringUtils.hasText(bundle)) {
			derived.put(PREFIX + "ssl.bundle", bundle);
		}
		derived.put(PREFIX + "inbound.message.max-size",
				environment.getProperty("azolla.client.max-message-size", "4MB"));
		return derived;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
