package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a call to the orchestrator did not answer within its deadline
 * ({@code azolla.client.timeout}). For a task creation the outcome is unknown.
 */
public class OrchestratorDeadlineException extends AzollaException {

	public OrchestratorDeadlineException(String message, @Nullable String taskName, @Nullable String taskId,
			@Nullable Throwable cause) {
		super(message, taskName, taskId, cause);
	}

}
