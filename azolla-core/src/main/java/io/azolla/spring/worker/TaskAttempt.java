package io.azolla.spring.worker;

import io.azolla.proto.common.TaskResult;

/**
 * Runs one attempt of a task and returns the result to report; {@code TaskInvoker::invoke}
 * is one, {@link TimeLimiter} adds an execution limit around it.
 */
@FunctionalInterface
public interface TaskAttempt {

	/**
	 * Runs the attempt.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @param argsJson the positional arguments as JSON text
	 * @param kwargsJson the named arguments as JSON text
	 * @return the result to report; never {@code null}
	 */
	TaskResult run(String taskId, String taskName, String argsJson, String kwargsJson);

}
