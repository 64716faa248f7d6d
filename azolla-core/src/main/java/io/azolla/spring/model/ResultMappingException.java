package io.azolla.spring.model;

/**
 * Thrown when a task's result value cannot be mapped onto the requested Java type.
 */
public class ResultMappingException extends AzollaException {

	public ResultMappingException(String taskId, String targetType, Throwable cause) {
		super("Result of task " + taskId + " cannot be read as " + targetType + ": " + cause.getMessage(), null,
				taskId, cause);
	}

}
