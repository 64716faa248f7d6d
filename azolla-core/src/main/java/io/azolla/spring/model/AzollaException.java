package io.azolla.spring.model;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception the Azolla client throws. Carries the task name and id when
 * they are known, so a log line can be traced back to the task.
 */
public abstract class AzollaException extends RuntimeException {

	private final @Nullable String taskName;

	private final @Nullable String taskId;

	protected AzollaException(String message, @Nullable String taskName, @Nullable String taskId,
			@Nullable Throwable cause) {
		super(message, cause);
		this.taskName = taskName;
		this.taskId = taskId;
	}

	/**
	 * Returns the name of the task concerned.
	 * @return the task name, or {@code null} when not known
	 */
	public @Nullable String getTaskName() {
		return this.taskName;
	}

	/**
	 * Returns the id of the task concerned.
	 * @return the task id, or {@code null} when the task was never created
	 */
	public @Nullable String getTaskId() {
		return this.taskId;
	}

}
