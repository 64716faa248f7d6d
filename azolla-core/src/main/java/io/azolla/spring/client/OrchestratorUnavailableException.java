package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the orchestrator cannot be reached after the configured transport retries.
 * <p>
 * When {@link #isOutcomeUnknown()} is {@code true} the connection broke after a task creation
 * was sent: the task may exist. The client never resends such a request, because a resend
 * could run the task twice.
 */
public class OrchestratorUnavailableException extends AzollaException {

	private final boolean outcomeUnknown;

	public OrchestratorUnavailableException(String message, @Nullable String taskName, @Nullable String taskId,
			boolean outcomeUnknown, @Nullable Throwable cause) {
		super(message, taskName, taskId, cause);
		this.outcomeUnknown = outcomeUnknown;
	}

	/**
	 * Returns whether the request may have reached the orchestrator.
	 * @return {@code true} when a created task may exist despite the error
	 */
	public boolean isOutcomeUnknown() {
		return this.outcomeUnknown;
	}

}
