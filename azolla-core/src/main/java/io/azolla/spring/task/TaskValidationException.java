package io.azolla.spring.task;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a task whose input is valid JSON but unacceptable, for example an unknown
 * customer id. Reported as {@code TaskValidationError} with code {@code VALIDATION_ERROR},
 * not retryable, matching the Rust and Python workers.
 */
public class TaskValidationException extends TaskException {

	/**
	 * Creates the exception.
	 * @param message the message reported to the client
	 */
	public TaskValidationException(String message) {
		this(message, null);
	}

	/**
	 * Creates the exception.
	 * @param message the message reported to the client
	 * @param cause the underlying cause (never sent over the wire), may be {@code null}
	 */
	public TaskValidationException(String message, @Nullable Throwable cause) {
		super(message, cause, "TaskValidationError", "VALIDATION_ERROR", false);
	}

}
