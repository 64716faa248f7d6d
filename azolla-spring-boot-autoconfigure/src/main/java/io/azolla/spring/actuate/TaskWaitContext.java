package io.azolla.spring.actuate;

import org.jspecify.annotations.Nullable;

/**
 * The context of an {@value ClientCallObservations#WAIT} observation.
 */
public class TaskWaitContext extends ClientCallContext {

	/**
	 * Creates the context of one wait.
	 * @param taskName the task name, {@code null} when unknown
	 */
	public TaskWaitContext(@Nullable String taskName) {
		super(taskName);
	}

}
