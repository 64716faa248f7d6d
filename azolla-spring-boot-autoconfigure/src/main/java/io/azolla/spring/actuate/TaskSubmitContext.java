package io.azolla.spring.actuate;

import org.jspecify.annotations.Nullable;

/**
 * The context of an {@value ClientCallObservations#SUBMIT} observation.
 */
public class TaskSubmitContext extends ClientCallContext {

	/**
	 * Creates the context of one submission.
	 * @param taskName the task name, {@code null} when unknown
	 */
	public TaskSubmitContext(@Nullable String taskName) {
		super(taskName);
	}

}
