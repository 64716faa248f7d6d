package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Decides how long a task may run on this worker, the one place of that rule for every mode
 * (shepherd, embedded, invocation): a configured per-task limit wins, so operators can change a
 * limit without a rebuild, then the task's own {@code @AzollaTask(timeout)}, then the worker's
 * global limit, if any.
 */
public final class TaskTimeouts {

	private final TaskRegistry registry;

	private final Map<String, Duration> configured;

	private final @Nullable Duration global;

	/**
	 * Creates the resolver.
	 * @param registry where task definitions carry their own timeouts
	 * @param configured per-task limits from configuration, by task name; each positive
	 * @param global the limit of every other task, positive, or {@code null} for none
	 */
	public TaskTimeouts(TaskRegistry registry, Map<String, Duration> configured, @Nullable Duration global) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.configured = Map.copyOf(configured);
		this.configured.forEach((name, limit) -> requirePositive(limit, "The time limit of task '" + name + "'"));
		this.global = (global != null) ? requirePositive(global, "The global time limit") : null;
	}

	/**
	 * Returns the execution limit of a task.
	 * @param taskName the task name
	 * @return the limit, or {@code null} when the task may run as long as it takes
	 */
	public @Nullable Duration forTask(String taskName) {
		Duration limit = this.configured.get(taskName);
		if (limit != null) {
			return limit;
		}
		return this.registry.find(taskName).flatMap(TaskDefinition::timeout).orElse(this.global);
	}

	private static Duration requirePositive(Duration limit, String what) {
		if (limit.isNegative() || limit.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, not " + limit);
		}
		return limit;
	}

}
