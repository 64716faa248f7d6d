package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.azolla.spring.task.AzollaTaskMethodRegistrar;
import io.azolla.spring.task.LocalTaskRunner;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.WorkerStats;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the task model: the registry that collects {@code @AzollaTask} methods and
 * {@code AzollaTaskHandler} beans once the context is refreshed, the invoker every worker mode
 * executes tasks through, the {@link WorkerStats} they record into, and a {@link LocalTaskRunner}
 * for tests and tools.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(AzollaProperties.class)
public final class AzollaTaskAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskRegistry azollaTaskRegistry() {
		return new TaskRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	AzollaTaskMethodRegistrar azollaTaskMethodRegistrar(TaskRegistry registry) {
		return new AzollaTaskMethodRegistrar(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskInvoker azollaTaskInvoker(TaskRegistry registry, ObjectProvider<JsonMapper> jsonMapper) {
		return new TaskInvoker(registry, JsonMappers.of(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	TaskTimeouts azollaTaskTimeouts(AzollaProperties properties, TaskRegistry registry) {
		Map<String, Duration> configured = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		properties.getTasks()
			.forEach((name, settings) -> map.from(settings.getTimeout())
				.as((timeout) -> requirePositive("azolla.tasks." + name + ".timeout", timeout))
				.to((timeout) -> configured.put(name, timeout)));
		return new TaskTimeouts(registry, configured,
				requirePositive("azolla.worker.task-timeout", properties.getWorker().getTaskTimeout()));
	}

	/**
	 * Every worker mode enforces execution limits, so each must be a real duration.
	 */
	static Duration requirePositive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "must be a positive duration");
		}
		return value;
	}

	/**
	 * Shared by every mode that executes tasks (shepherd, invocation, embedded), so the
	 * actuator endpoint and metrics read one place whichever mode runs.
	 */
	@Bean
	@ConditionalOnMissingBean
	WorkerStats azollaWorkerStats() {
		return new WorkerStats();
	}

	@Bean
	@ConditionalOnMissingBean
	LocalTaskRunner azollaLocalTaskRunner(TaskInvoker invoker, ObjectProvider<JsonMapper> jsonMapper) {
		return new LocalTaskRunner(invoker, JsonMappers.of(jsonMapper));
	}

}
