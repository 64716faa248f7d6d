package io.azolla.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The parsed {@code azolla.client.endpoint}: {@code http://host:port} for plaintext,
 * {@code https://host:port} for TLS. A missing port means the scheme's default.
 *
 * @param host the host
 * @param port the port
 * @param tls whether the scheme asks for TLS
 */
record OrchestratorEndpoint(String host, int port, boolean tls) {

	static final String PROPERTY = "azolla.client.endpoint";

	static OrchestratorEndpoint parse(@Nullable String endpoint) {
		if (endpoint == null || endpoint.isBlank()) {
			throw invalid(endpoint, "must not be empty");
		}
		URI uri;
		try {
			uri = new URI(endpoint.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid(endpoint, "is not a URI: " + ex.getReason());
		}
		String scheme = uri.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			throw invalid(endpoint, "must start with http:// (plaintext) or https:// (TLS)");
		}
		if (uri.getHost() == null) {
			throw invalid(endpoint, "must name a host, as in http://localhost:52710");
		}
		if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
			throw invalid(endpoint, "must not have a path; gRPC uses its own");
		}
		boolean tls = "https".equalsIgnoreCase(scheme);
		int port = (uri.getPort() != -1) ? uri.getPort() : (tls ? 443 : 80);
		return new OrchestratorEndpoint(uri.getHost(), port, tls);
	}

	/**
	 * Returns the address in the {@code host:port} form gRPC targets use.
	 * @return the authority
	 */
	String authority() {
		String printableHost = (this.host.contains(":") && !this.host.startsWith("[")) ? "[" + this.host + "]" : this.host;
		return printableHost + ":" + this.port;
	}

	private static InvalidConfigurationPropertyValueException invalid(@Nullable String value, String reason) {
		return new InvalidConfigurationPropertyValueException(PROPERTY, value, reason);
	}

}
