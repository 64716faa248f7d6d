package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the thread waiting for a task result is interrupted. The task goes on; the
 * thread's interrupt flag is set again.
 */
public class TaskWaitInterruptedException extends AzollaException {

	public TaskWaitInterruptedException(@Nullable String taskName, String taskId, InterruptedException cause) {
		super("Interrupted while waiting for task " + taskId, taskName, taskId, cause);
	}

}
