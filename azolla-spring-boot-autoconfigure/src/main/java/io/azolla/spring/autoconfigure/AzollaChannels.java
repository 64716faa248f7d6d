package io.azolla.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Opens the gRPC channels Azolla builds itself, from the bound {@code azolla.client.*}
 * settings: the client's channel to the orchestrator when Spring gRPC's channel factory is
 * absent, and invocation mode's channel to its shepherd. Each channel gets TLS when asked
 * for (trusting the SSL bundle {@code azolla.client.ssl.bundle} names, which also supplies the
 * client key for mTLS), the message size limit, Azolla's keepalive, and then the
 * application's {@link AzollaChannelCustomizer} beans in order.
 * <p>
 * Keepalive defaults to a ping after {@link #KEEPALIVE_TIME} without traffic, also without
 * calls, and {@link #KEEPALIVE_TIMEOUT} for its answer: a shepherd stream on a connection that
 * died half-open must be noticed within seconds, as results written into it are lost and
 * re-sent only after the loss is seen. The orchestrator and the Rust shepherd ping every 30 s;
 * gRPC allows nothing below 10 s.
 */
final class AzollaChannels {

	/** The name of the Spring gRPC channel the client uses. */
	static final String CHANNEL = "azolla";

	/** How long a connection may be silent before a keepalive ping is sent. */
	static final Duration KEEPALIVE_TIME = Duration.ofSeconds(10);

	/** How long a keepalive ping may go unanswered before the connection counts as dead. */
	static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);

	private final AzollaProperties.Client client;

	private final @Nullable SslBundles sslBundles;

	private final List<AzollaChannelCustomizer> customizers;

	AzollaChannels(AzollaProperties.Client client, @Nullable SslBundles sslBundles,
			List<AzollaChannelCustomizer> customizers) {
		this.client = client;
		this.sslBundles = sslBundles;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * Opens the channel to the orchestrator {@code azolla.client.endpoint} names, with TLS for
	 * an {@code https://} endpoint or when {@code azolla.client.ssl.enabled} is set.
	 */
	ManagedChannel orchestrator() {
		OrchestratorEndpoint endpoint = OrchestratorEndpoint.parse(this.client.getEndpoint());
		return open(endpoint.authority(), endpoint.tls() || this.client.getSsl().isEnabled());
	}

	/**
	 * Opens the channel to the shepherd that started this process, with TLS when the shepherd
	 * named an {@code https://} endpoint. {@code azolla.client.ssl.enabled} does not apply: it
	 * is about the orchestrator's address, and the Rust shepherd serves its worker service
	 * without TLS on the loopback address it passes. The channel runs on the given event loop
	 * over plain NIO and connects to the address directly: a one-shot process should neither
	 * share gRPC's default loop (which outlives the channel) nor load the native transport or
	 * a name resolver for a single call.
	 */
	ManagedChannel shepherd(URI endpoint, EventLoopGroup eventLoop) {
		boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
		NettyChannelBuilder builder = NettyChannelBuilder
			.forAddress(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), credentials(tls))
			.eventLoopGroup(eventLoop)
			.channelType(NioSocketChannel.class);
		return configure(builder);
	}

	/**
	 * Applies the application's channel customizers, in order.
	 */
	void customize(ManagedChannelBuilder<?> builder) {
		this.customizers.forEach((customizer) -> customizer.customize(builder));
	}

	private ManagedChannel open(String authority, boolean tls) {
		return configure(NettyChannelBuilder.forTarget(authority, credentials(tls)));
	}

	private ManagedChannel configure(NettyChannelBuilder builder) {
		builder.maxInboundMessageSize(maxSize(this.client.getMaxMessageSize()))
			.keepAliveTime(KEEPALIVE_TIME.toNanos(), TimeUnit.NANOSECONDS)
			.keepAliveTimeout(KEEPALIVE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
			.keepAliveWithoutCalls(true);
		customize(builder);
		return builder.build();
	}

	private ChannelCredentials credentials(boolean tls) {
		return tls ? tlsCredentials() : InsecureChannelCredentials.create();
	}

	private ChannelCredentials tlsCredentials() {
		TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder();
		String bundleName = this.client.getSsl().getBundle();
		if (StringUtils.hasText(bundleName)) {
			if (this.sslBundles == null) {
				throw new InvalidConfigurationPropertyValueException("azolla.client.ssl.bundle", bundleName,
						"needs Spring Boot's SSL bundles (SslAutoConfiguration)");
			}
			SslBundle bundle = this.sslBundles.getBundle(bundleName);
			credentials.trustManager(bundle.getManagers().getTrustManagerFactory().getTrustManagers());
			credentials.keyManager(bundle.getManagers().getKeyManagerFactory().getKeyManagers());
		}
		return credentials.build();
	}

	static int maxSize(DataSize size) {
		long bytes = size.toBytes();
		if (bytes < 1) {
			throw new InvalidConfigurationPropertyValueException("azolla.client.max-message-size", size,
					"must be positive");
		}
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

}
