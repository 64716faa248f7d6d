package io.azolla.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.core.env.Environment;

/**
 * Fills the settings of Spring gRPC's {@value AzollaChannels#CHANNEL} channel that the
 * application left unset from the bound {@link AzollaProperties}: its target and TLS from
 * {@code azolla.client.endpoint} and {@code azolla.client.ssl.*}, its inbound message limit
 * from {@code azolla.client.max-message-size}, and Azolla's keepalive (see
 * {@link AzollaChannels}). Anything set under {@code spring.grpc.client.channel.azolla.*}
 * stays as set, and every other Spring gRPC channel setting, customizer and interceptor
 * applies to the channel as usual.
 * <p>
 * Spring gRPC takes the channel's target and credentials from its bound properties, which a
 * channel builder customizer can no longer change, so the defaults go into those properties
 * right after they are bound.
 */
final class AzollaGrpcChannelDefaults implements BeanPostProcessor {

	private static final String PREFIX = "spring.grpc.client.channel." + AzollaChannels.CHANNEL + ".";

	private final ObjectProvider<AzollaProperties> properties;

	private final Environment environment;

	AzollaGrpcChannelDefaults(ObjectProvider<AzollaProperties> properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof GrpcClientProperties grpc) {
			apply(grpc);
		}
		return bean;
	}

	private void apply(GrpcClientProperties grpc) {
		AzollaProperties.Client client = this.properties.getObject().getClient();
		OrchestratorEndpoint endpoint = OrchestratorEndpoint.parse(client.getEndpoint());
		GrpcClientProperties.Channel channel = grpc.getChannel()
			.computeIfAbsent(AzollaChannels.CHANNEL, (name) -> new GrpcClientProperties.Channel());
		Binder binder = Binder.get(this.environment);
		PropertyMapper map = PropertyMapper.get();
		map.from("static://" + endpoint.authority()).when((target) -> unset(binder, "target")).to(channel::setTarget);
		map.from(endpoint.tls() || client.getSsl().isEnabled())
			.when((tls) -> unset(binder, "ssl.enabled") && unset(binder, "ssl.bundle"))
			.to(channel.getSsl()::setEnabled);
		map.from(client.getSsl().getBundle())
			.whenHasText()
			.when((bundle) -> unset(binder, "ssl.bundle"))
			.to(channel.getSsl()::setBundle);
		map.from(client.getMaxMessageSize())
			.when((size) -> unset(binder, "inbound.message.max-size"))
			.to(channel.getInbound().getMessage()::setMaxSize);
		map.from(AzollaChannels.KEEPALIVE_TIME)
			.when((time) -> unset(binder, "keepalive.time"))
			.to(channel.getKeepalive()::setTime);
		map.from(AzollaChannels.KEEPALIVE_TIMEOUT)
			.when((timeout) -> unset(binder, "keepalive.timeout"))
			.to(channel.getKeepalive()::setTimeout);
		map.from(true)
			.when((withoutCalls) -> unset(binder, "keepalive.without-calls"))
			.to(channel.getKeepalive()::setWithoutCalls);
	}

	/**
	 * Whether the application left a setting of the channel unset, in any of the forms Spring
	 * Boot binds.
	 */
	private static boolean unset(Binder binder, String key) {
		return !binder.bind(PREFIX + key, Bindable.of(String.class)).isBound();
	}

}
