package io.azolla.spring.actuate;

import java.util.Objects;

import io.azolla.proto.common.TaskResult;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an {@value TaskExecutionObservations#NAME} observation knows about one execution: the
 * task, and its result once decided. Read by {@link TaskExecutionObservationConvention}s.
 */
public class TaskExecutionContext extends Observation.Context {

	private final String taskId;

	private final String taskName;

	private volatile @Nullable TaskResult result;

	/**
	 * Creates the context of one execution.
	 * @param taskId the task id
	 * @param taskName the registered task name
	 */
	public TaskExecutionContext(String taskId, String taskName) {
		this.taskId = Objects.requireNonNull(taskId, "taskId");
		this.taskName = Objects.requireNonNull(taskName, "taskName");
	}

	/**
	 * Returns the task id.
	 * @return the task id
	 */
	public String getTaskId() {
		return this.taskId;
	}

	/**
	 * Returns the registered task name.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * Returns the result that was reported, {@code null} while the task runs.
	 * @return the result or {@code null}
	 */
	public @Nullable TaskResult getResult() {
		return this.result;
	}

	/**
	 * Sets the result that was reported.
	 * @param result the result
	 */
	public void setResult(TaskResult result) {
		this.result = result;
	}

	/**
	 * Returns the error type of a failed result, {@code null} while running or on success.
	 * @return the error type or {@code null}
	 */
	public @Nullable String getErrorType() {
		TaskResult current = this.result;
		if (current == null || !current.hasError()) {
			return null;
		}
		String type = current.getError().getType();
		return type.isEmpty() ? "unknown" : type;
	}

}
