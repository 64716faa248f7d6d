package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the orchestrator does not know a task id in the client's domain: the id is wrong,
 * belongs to another domain, or the orchestrator restarted and lost its in-memory state.
 */
public class TaskNotFoundException extends AzollaException {

	public TaskNotFoundException(@Nullable String taskName, String taskId, String domain) {
		super("Task " + taskId + ((taskName != null) ? " ('" + taskName + "')" : "")
				+ " is unknown to the orchestrator in domain '" + domain + "'", taskName, taskId, null);
	}

}
