package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the orchestrator reports an internal failure, such as a domain scheduler that
 * stopped, or answers with an unexpected gRPC status.
 */
public class OrchestratorException extends AzollaException {

	public OrchestratorException(String message, @Nullable String taskName, @Nullable String taskId,
			@Nullable Throwable cause) {
		super(message, taskName, taskId, cause);
	}

}
