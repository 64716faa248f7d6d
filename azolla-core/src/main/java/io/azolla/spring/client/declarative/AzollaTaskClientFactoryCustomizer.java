package io.azolla.spring.client.declarative;

/**
 * Customizes the {@link AzollaTaskClientFactory} that Spring Boot's auto-configuration builds,
 * before any task client interface is created with it.
 */
@FunctionalInterface
public interface AzollaTaskClientFactoryCustomizer {

	/**
	 * Customizes the factory's builder.
	 * @param builder the builder
	 */
	void customize(AzollaTaskClientFactory.Builder builder);

}
