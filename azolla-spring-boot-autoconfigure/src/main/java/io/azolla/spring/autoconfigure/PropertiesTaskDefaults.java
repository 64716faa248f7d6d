package io.azolla.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.azolla.spring.autoconfigure.AzollaProperties.Backoff;
import io.azolla.spring.autoconfigure.AzollaProperties.Retry;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskBackoff;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskRetry;
import io.azolla.spring.autoconfigure.AzollaProperties.TaskSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.retry.InvalidRetryPolicyException;
import io.azolla.spring.retry.RetryPolicy;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Task defaults read from {@code azolla.retry.*} and {@code azolla.tasks.<name>.*}. Every
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
		properties.getTasks().forEach((name, settings) -> {
			this.policies.put(name, build("azolla.tasks." + name + ".retry",
					() -> applyTask(this.global.toBuilder(), settings.getRetry())));
			if (settings.getShepherdGroup() != null) {
				checkGroup(name, settings);
				this.groups.put(name, settings.getShepherdGroup());
			}
			if (settings.getWorkerRuntime() != null) {
				this.runtimes.put(name, settings.getWorkerRuntime());
			}
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
		if (retry.getMaxAttempts() != null) {
			builder.maxAttempts(retry.getMaxAttempts());
		}
		else {
			builder.unlimitedAttempts();
		}
		builder.maxElapsed(retry.getMaxElapsed());
		Backoff backoff = retry.getBackoff();
		builder.strategy(backoff.getStrategy())
			.initialDelay(backoff.getInitialDelay())
			.multiplier((backoff.getMultiplier() != null) ? backoff.getMultiplier() : Double.NaN)
			.maxDelay(backoff.getMaxDelay())
			.delay(backoff.getDelay())
			.includeErrors(retry.getIncludeErrors())
			.excludeErrors(retry.getExcludeErrors());
		return builder;
	}

	private static RetryPolicy.Builder applyTask(RetryPolicy.Builder builder, TaskRetry retry) {
		if (retry.getMaxAttempts() != null) {
			builder.maxAttempts(retry.getMaxAttempts());
		}
		if (retry.getMaxElapsed() != null) {
			builder.maxElapsed(retry.getMaxElapsed());
		}
		TaskBackoff backoff = retry.getBackoff();
		if (backoff.getStrategy() != null) {
			builder.strategy(backoff.getStrategy());
		}
		if (backoff.getInitialDelay() != null) {
			builder.initialDelay(backoff.getInitialDelay());
		}
		if (backoff.getMultiplier() != null) {
			builder.multiplier(backoff.getMultiplier());
		}
		if (backoff.getMaxDelay() != null) {
			builder.maxDelay(backoff.getMaxDelay());
		}
		if (backoff.getDelay() != null) {
			builder.delay(backoff.getDelay());
		}
		if (retry.getIncludeErrors() != null) {
			builder.includeErrors(retry.getIncludeErrors());
		}
		if (retry.getExcludeErrors() != null) {
			builder.excludeErrors(retry.getExcludeErrors());
		}
		return builder;
	}

	private static void checkGroup(String name, TaskSettings settings) {
		if (settings.getShepherdGroup().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("azolla.tasks." + name + ".shepherd-group", "",
					"must not be empty; leave it unset for the orchestrator's default group");
		}
	}

}
