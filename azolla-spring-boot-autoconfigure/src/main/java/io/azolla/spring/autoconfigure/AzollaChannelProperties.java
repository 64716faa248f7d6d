package io.azolla.spring.autoconfigure;

import java.time.Duration;
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
 * Keepalive defaults to a ping after {@link #KEEPALIVE_TIME} without traffic, also without
 * calls, and {@link #KEEPALIVE_TIMEOUT} for its answer, instead of Spring gRPC's 5 min / 20 s:
 * a shepherd stream on a connection that died half-open must be noticed within seconds, as
 * results written into it are lost and re-sent only after the loss is seen. The orchestrator
 * and the Rust shepherd ping every 30 s; gRPC allows nothing below 10 s.
 * <p>
 * It runs as a bean factory post-processor so that the settings exist before Spring gRPC
 * binds its properties.
 */
final class AzollaChannelProperties implements BeanFactoryPostProcessor, Ordered {

	/** The name of the Spring gRPC channel the client uses. */
	static final String CHANNEL = "azolla";

	static final String SOURCE_NAME = "azollaChannelDefaults";

	/** How long a connection may be silent before a keepalive ping is sent. */
	static final Duration KEEPALIVE_TIME = Duration.ofSeconds(10);

	/** How long a keepalive ping may go unanswered before the connection counts as dead. */
	static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);

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
		derived.put(PREFIX + "keepalive.time", KEEPALIVE_TIME.toSeconds() + "s");
		derived.put(PREFIX + "keepalive.timeout", KEEPALIVE_TIMEOUT.toSeconds() + "s");
		derived.put(PREFIX + "keepalive.without-calls", true);
		return derived;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
