package io.azolla.spring.model;


/**
 * Thrown when the value of a task that finished with an error is requested.
 */
public class TaskFailedException extends AzollaException {

	private final transient TaskFailure failure;

	public TaskFailedException(String taskId, TaskFailure failure) {
		super("Task " + taskId + " failed with " + failure.type() + ": " + failure.message(), null, taskId, null);
		this.failure = failure;
	}

	/**
	 * Returns the error the task finished with.
	 * @return the failure
	 */
	public TaskFailure getFailure() {
		return this.failure;
	}

}
