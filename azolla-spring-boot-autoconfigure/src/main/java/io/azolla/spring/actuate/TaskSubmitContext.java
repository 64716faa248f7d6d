package io.azolla.spring.actuate;

/**
 * The context of an {@value ClientCallObservations#SUBMIT} observation.
 */
public class TaskSubmitContext extends ClientCallContext {

	/**
	 * Creates the context of one submission.
	 * @param taskName the task name, {@code null} when unknown
	 */
	public TaskSubmitContext(String taskName) {
		super(taskName);
	}

}
