package io.azolla.spring.model;

/**
 * Base class of every exception the Azolla client throws. Carries the task name and id when
 * they are known, so a log line can be traced back to the task.
 */
public abstract class AzollaException extends RuntimeException {

	private final String taskName;

	private final String taskId;

	protected AzollaException(String message, String taskName, String taskId, Throwable cause) {
		super(message, cause);
		this.taskName = taskName;
		this.taskId = taskId;
	}

	/**
	 * Returns the name of the task concerned.
	 * @return the task name, or {@code null} when not known
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * Returns the id of the task concerned.
	 * @return the task id, or {@code null} when the task was never created
	 */
	public String getTaskId() {
		return this.taskId;
	}

}
