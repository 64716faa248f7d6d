package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the orchestrator refuses to create a task ({@code INVALID_ARGUMENT}), for
 * instance because of a retry policy or kwargs text it does not accept.
 */
public class TaskRejectedException extends AzollaException {

	public TaskRejectedException(@Nullable String taskName, String reason, @Nullable Throwable cause) {
		super("Orchestrator rejected task '" + taskName + "': " + reason, taskName, null, cause);
	}

}
