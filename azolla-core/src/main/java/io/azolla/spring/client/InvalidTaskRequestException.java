package io.azolla.spring.client;

import io.azolla.spring.model.AzollaException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown before anything is sent when a task request is malformed: a blank task name, an empty
 * shepherd group, arguments Jackson cannot serialise, JSON text of the wrong shape, or a
 * request larger than the configured message size.
 */
public class InvalidTaskRequestException extends AzollaException {

	public InvalidTaskRequestException(String taskName, String problem) {
		this(taskName, problem, null);
	}

	public InvalidTaskRequestException(String taskName, String problem, @Nullable Throwable cause) {
		super("Invalid request for task '" + taskName + "': " + problem, taskName, null, cause);
	}

}
