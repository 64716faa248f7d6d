package io.azolla.spring.autoconfigure;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.Map;

import io.azolla.spring.autoconfigure.AzollaProperties.TaskBackoff;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskRetry;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskSettings;
import io.azolla.spring.retry.BackoffStrategy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class AzollaPropertiesTests {

	/**
	 * The per-task classes inherit the global ones and clear their defaults; a property added
	 * to the global class with a default must be cleared too, or it would override the global
	 * value of every configured task.
	 */
	@Test
	void perTaskSettingsStartWithEveryValueUnset() throws Exception {
		TaskRetry retry = new TaskRetry();
		for (PropertyDescriptor property : Introspector.getBeanInfo(TaskRetry.class, Object.class)
			.getPropertyDescriptors()) {
			if (!property.getName().equals("backoff")) {
				assertThat(property.getReadMethod().invoke(retry)).as(property.getName()).isNull();
			}
		}
		TaskBackoff backoff = retry.getBackoff();
		for (PropertyDescriptor property : Introspector.getBeanInfo(TaskBackoff.class, Object.class)
			.getPropertyDescriptors()) {
			assertThat(property.getReadMethod().invoke(backoff)).as(property.getName()).isNull();
		}
	}

	@Test
	void perTaskBackoffBindsOnlyWhatIsSet() {
		Binder binder = new Binder(new MapConfigurationPropertySource(
				Map.of("azolla.tasks.mail.retry.backoff.delay", "250ms", "azolla.tasks.mail.retry.max-attempts", "2")));

		AzollaProperties properties = binder.bind("azolla", Bindable.of(AzollaProperties.class)).get();

		TaskSettings mail = properties.getTasks().get("mail");
		assertThat(mail.getRetry().getMaxAttempts()).isEqualTo(2);
		assertThat(mail.getRetry().getBackoff().getDelay()).isEqualTo(Duration.ofMillis(250));
		assertThat(mail.getRetry().getBackoff().getStrategy()).isNull();
		assertThat(mail.getRetry().getIncludeErrors()).isNull();
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(5);
		assertThat(properties.getRetry().getBackoff().getStrategy()).isEqualTo(BackoffStrategy.EXPONENTIAL_JITTER);
	}

}
