package io.azolla.spring.worker.invocation;

import java.net.URI;

/**
 * Thrown when a worker process's command line cannot be understood.
 */
class InvalidInvocationException extends IllegalArgumentException {

	private final String taskId;

	private final URI shepherdEndpoint;

	InvalidInvocationException(String message, String taskId, URI shepherdEndpoint) {
		super("Invalid invocation: " + message);
		this.taskId = taskId;
		this.shepherdEndpoint = shepherdEndpoint;
	}

	/**
	 * Returns the task id, when it could be read.
	 * @return the task id or {@code null}
	 */
	public String getTaskId() {
		return this.taskId;
	}

	/**
	 * Returns the shepherd endpoint, when it could be read.
	 * @return the endpoint or {@code null}
	 */
	public URI getShepherdEndpoint() {
		return this.shepherdEndpoint;
	}

}
