package io.azolla.spring.worker.invocation;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a worker process's command line cannot be understood.
 */
class InvalidInvocationException extends IllegalArgumentException {

	private final @Nullable String taskId;

	private final @Nullable URI shepherdEndpoint;

	InvalidInvocationException(String message, @Nullable String taskId, @Nullable URI shepherdEndpoint) {
		super("Invalid invocation: " + message);
		this.taskId = taskId;
		this.shepherdEndpoint = shepherdEndpoint;
	}

	/**
	 * Returns the task id, when it could be read.
	 * @return the task id or {@code null}
	 */
	public @Nullable String getTaskId() {
		return this.taskId;
	}

	/**
	 * Returns the shepherd endpoint, when it could be read.
	 * @return the endpoint or {@code null}
	 */
	public @Nullable URI getShepherdEndpoint() {
		return this.shepherdEndpoint;
	}

}
