package io.azolla.spring.task;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a task that gave up waiting for something, for example a slow remote service.
 * Reported as {@code TaskTimeoutError} with code {@code TIMEOUT_ERROR}, retryable, matching
 * the Rust and Python workers.
 */
public class TaskTimeoutException extends TaskException {

	/**
	 * Creates the exception.
	 * @param message the message reported to the client
	 */
	public TaskTimeoutException(String message) {
		this(message, null);
	}

	/**
	 * Creates the exception.
	 * @param message the message reported to the client
	 * @param cause the underlying cause (never sent over the wire), may be {@code null}
	 */
	public TaskTimeoutException(String message, @Nullable Throwable cause) {
		super(message, cause, "TaskTimeoutError", "TIMEOUT_ERROR", true);
	}

}
