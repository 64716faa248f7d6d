package io.azolla.sample.client;

import io.azolla.spring.model.TaskFailedException;

/**
 * An order the {@code price_order} task rejected; thrown by {@link SampleTasks} in place of
 * the task's {@code TaskValidationError}.
 */
public class InvalidOrderException extends RuntimeException {

	public InvalidOrderException(TaskFailedException failed) {
		super(failed.getFailure().message(), failed);
	}

}
