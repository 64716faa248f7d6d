package io.azolla.spring.client;

import java.time.Duration;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a task has not finished within the time a caller was willing to wait. The task
 * itself goes on; wait again with the same {@link TaskHandle} to get its result later.
 */
public class TaskWaitTimeoutException extends AzollaException {

	private final Duration waited;

	public TaskWaitTimeoutException(@Nullable String taskName, String taskId, Duration waited) {
		super("Task " + taskId + ((taskName != null) ? " ('" + taskName + "')" : "") + " did not finish within "
				+ waited, taskName, taskId, null);
		this.waited = waited;
	}

	/**
	 * Returns how long the caller waited.
	 * @return the wait
	 */
	public Duration getWaited() {
		return this.waited;
	}

}
