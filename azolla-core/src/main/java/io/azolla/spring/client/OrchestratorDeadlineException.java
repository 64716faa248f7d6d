package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;

/**
 * Thrown when a call to the orchestrator did not answer within its deadline
 * ({@code azolla.client.timeout}). For a task creation the outcome is unknown.
 */
public class OrchestratorDeadlineException extends AzollaException {

	public OrchestratorDeadlineException(String message, String taskName, String taskId, Throwable cause) {
		super(message, taskName, taskId, cause);
	}

}
