package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;

/**
 * Thrown when the orchestrator reports an internal failure, such as a domain scheduler that
 * stopped, or answers with an unexpected gRPC status.
 */
public class OrchestratorException extends AzollaException {

	public OrchestratorException(String message, String taskName, String taskId, Throwable cause) {
		super(message, taskName, taskId, cause);
	}

}
