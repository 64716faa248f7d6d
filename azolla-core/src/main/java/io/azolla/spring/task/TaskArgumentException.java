package io.azolla.spring.task;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a task's JSON arguments cannot be bound to what the task expects: malformed
 * JSON, a wrong shape, a missing or surplus argument, or a value of the wrong type.
 * <p>
 * Workers report it as a non-retryable {@code ValidationError}. The message names the
 * parameter and the reason but never repeats argument values, which may be personal data.
 */
public class TaskArgumentException extends RuntimeException {

	private final @Nullable String parameterName;

	/**
	 * Creates an exception about the arguments as a whole.
	 * @param message the reason
	 */
	public TaskArgumentException(String message) {
		this(null, message, null);
	}

	/**
	 * Creates an exception about one parameter.
	 * @param parameterName the parameter concerned, or {@code null} for the arguments as a whole
	 * @param message the reason, naming the parameter
	 * @param cause the underlying cause, may be {@code null}
	 */
	public TaskArgumentException(@Nullable String parameterName, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.parameterName = parameterName;
	}

	/**
	 * Returns the parameter the failure concerns.
	 * @return the parameter name, or {@code null} when the failure concerns all arguments
	 */
	public @Nullable String getParameterName() {
		return this.parameterName;
	}

}
