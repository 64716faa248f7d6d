package io.azolla.spring.task;

/**
 * Thrown when two tasks are registered under the same name; the message names both sources
 * so the clash can be found in either place.
 */
public class DuplicateTaskException extends IllegalStateException {

	private final String taskName;

	/**
	 * Creates the exception.
	 * @param existing the definition already registered
	 * @param duplicate the definition that was rejected
	 */
	public DuplicateTaskException(TaskDefinition existing, TaskDefinition duplicate) {
		super("Task name '" + existing.name() + "' is registered twice: by " + existing.source() + " and by "
				+ duplicate.source());
		this.taskName = existing.name();
	}

	/**
	 * Returns the clashing name.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

}
