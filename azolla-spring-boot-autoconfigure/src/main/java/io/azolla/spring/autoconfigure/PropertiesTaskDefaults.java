package io.azolla.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.azolla.spring.autoconfigure.AzollaProperties.Backoff;
import io.azolla.spring.autoconfigure.AzollaProperties.Retry;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskBackoff;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskRetry;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.retry.InvalidRetryPolicyException;
import io.azolla.spring.retry.RetryPolicy;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Task defaults read from {@code azolla.retry.*} and {@code azolla.tasks.<name>.*}, each
 * task's overrides merged over the global policy with a {@link PropertyMapper}. Every
 * policy is built, and so validated, when the application starts: a bad value fails start-up
 * with a message naming the property.
 */
final class PropertiesTaskDefaults implements TaskDefaults {

	private final RetryPolicy global;

	private final Map<String, RetryPolicy> policies = new LinkedHashMap<>();

	private final Map<String, String> groups = new LinkedHashMap<>();

	private final Map<String, WorkerRuntime> runtimes = new LinkedHashMap<>();

	PropertiesTaskDefaults(AzollaProperties properties) {
		this.global = build("azolla.retry", () -> applyGlobal(RetryPolicy.builder(), properties.getRetry()));
		PropertyMapper map = PropertyMapper.get();
		properties.getTasks().forEach((name, settings) -> {
			this.policies.put(name, build("azolla.tasks." + name + ".retry",
					() -> applyTask(this.global.toBuilder(), settings.getRetry())));
			map.from(settings.getShepherdGroup())
				.as((group) -> checkGroup(name, group))
				.to((group) -> this.groups.put(name, group));
			map.from(settings.getWorkerRuntime()).to((runtime) -> this.runtimes.put(name, runtime));
		});
	}

	@Override
	public RetryPolicy retryPolicy(String taskName) {
		return this.policies.getOrDefault(taskName, this.global);
	}

	@Override
	public Optional<String> shepherdGroup(String taskName) {
		return Optional.ofNullable(this.groups.get(taskName));
	}

	@Override
	public Optional<WorkerRuntime> workerRuntime(String taskName) {
		return Optional.ofNullable(this.runtimes.get(taskName));
	}

	private static RetryPolicy build(String prefix, Supplier<RetryPolicy.Builder> settings) {
		try {
			return settings.get().build();
		}
		catch (InvalidRetryPolicyException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + "." + ex.getField(), null, ex.getMessage());
		}
	}

	private static RetryPolicy.Builder applyGlobal(RetryPolicy.Builder builder, Retry retry) {
		Backoff backoff = retry.getBackoff();
		return builder.maxAttempts(retry.getMaxAttempts())
			.maxElapsed(retry.getMaxElapsed())
			.strategy(backoff.getStrategy())
			.initialDelay(backoff.getInitialDelay())
			.multiplier(backoff.getMultiplier())
			.maxDelay(backoff.getMaxDelay())
			.delay(backoff.getDelay())
			.includeErrors(retry.getIncludeErrors())
			.excludeErrors(retry.getExcludeErrors());
	}

	/**
	 * Merges a task's overrides over the global policy: each value the task sets replaces the
	 * global one, each it leaves unset keeps it.
	 */
	private static RetryPolicy.Builder applyTask(RetryPolicy.Builder builder, TaskRetry retry) {
		PropertyMapper map = PropertyMapper.get();
		map.from(retry.getMaxAttempts()).to(builder::maxAttempts);
		map.from(retry.getMaxElapsed()).to(builder::maxElapsed);
		TaskBackoff backoff = retry.getBackoff();
		map.from(backoff.getStrategy()).to(builder::strategy);
		map.from(backoff.getInitialDelay()).to(builder::initialDelay);
		map.from(backoff.getMultiplier()).to(builder::multiplier);
		map.from(backoff.getMaxDelay()).to(builder::maxDelay);
		map.from(backoff.getDelay()).to(builder::delay);
		map.from(retry.getIncludeErrors()).to(builder::includeErrors);
		map.from(retry.getExcludeErrors()).to(builder::excludeErrors);
		return builder;
	}

	private static String checkGroup(String name, String group) {
		if (group.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("azolla.tasks." + name + ".shepherd-group", "",
					"must not be empty; leave it unset for the orchestrator's default group");
		}
		return group;
	}

}
