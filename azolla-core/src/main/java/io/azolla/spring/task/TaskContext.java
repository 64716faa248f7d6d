package io.azolla.spring.task;

import java.util.Objects;

/**
 * Facts about the task execution in progress, injected into any task method parameter of this
 * type instead of being bound from the JSON arguments.
 * <p>
 * The attempt number is deliberately absent: the orchestrator does not tell workers which
 * attempt they are running, so a task cannot know whether it is a retry. Tasks that must not
 * repeat a side effect should make it idempotent, for example keyed by {@link #taskId()}.
 *
 * @param taskId the task id the orchestrator assigned (the same for every attempt)
 * @param taskName the registered task name
 */
public record TaskContext(String taskId, String taskName) {

	/**
	 * Creates a context, requiring both values.
	 * @param taskId the task id
	 * @param taskName the task name
	 */
	public TaskContext {
		Objects.requireNonNull(taskId, "taskId");
		Objects.requireNonNull(taskName, "taskName");
	}

}
