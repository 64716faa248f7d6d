package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskRegistry;

/**
 * Decides how long a task may run on this worker: a configured per-task limit wins, then the
 * task's own {@code @AzollaTask(timeout)}, then the worker's global limit.
 */
public final class TaskTimeouts {

	private final TaskRegistry registry;

	private final Map<String, Duration> configured;

	private final Duration global;

	/**
	 * Creates the resolver.
	 * @param registry where task definitions carry their own timeouts
	 * @param configured per-task limits from configuration, by task name
	 * @param global the limit of every other task
	 */
	public TaskTimeouts(TaskRegistry registry, Map<String, Duration> configured, Duration global) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.configured = Map.copyOf(configured);
		this.global = Objects.requireNonNull(global, "global");
	}

	/**
	 * Returns the execution limit of a task.
	 * @param taskName the task name
	 * @return the limit
	 */
	public Duration forTask(String taskName) {
		Duration limit = this.configured.get(taskName);
		if (limit != null) {
			return limit;
		}
		return this.registry.find(taskName).flatMap(TaskDefinition::timeout).orElse(this.global);
	}

}
