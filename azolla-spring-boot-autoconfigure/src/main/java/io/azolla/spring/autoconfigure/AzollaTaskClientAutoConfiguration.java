package io.azolla.spring.autoconfigure;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.declarative.AzollaTaskClientFactory;
import io.azolla.spring.client.declarative.AzollaTaskClientFactoryCustomizer;
import io.azolla.spring.client.declarative.EnableAzollaTaskClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@link AzollaTaskClientFactory} that makes the beans of the task client interfaces
 * registered with {@link EnableAzollaTaskClients}: built on the application's
 * {@link AzollaClient} and task defaults, with {@code ${...}} placeholders resolved and
 * {@link AzollaTaskClientFactoryCustomizer} beans applied.
 */
@AutoConfiguration(after = AzollaClientAutoConfiguration.class)
@ConditionalOnBean(AzollaClient.class)
public final class AzollaTaskClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AzollaTaskClientFactory azollaTaskClientFactory(AzollaClient client, ObjectProvider<TaskDefaults> defaults,
			ObjectProvider<AzollaTaskClientFactoryCustomizer> customizers, ConfigurableBeanFactory beanFactory) {
		AzollaTaskClientFactory.Builder builder = AzollaTaskClientFactory.builder(client);
		defaults.ifAvailable(builder::taskDefaults);
		EmbeddedValueResolver resolver = new EmbeddedValueResolver(beanFactory);
		builder.valueResolver(resolver::resolveStringValue);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
