package io.azolla.spring.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;

/**
 * A submitted task. The handle is cheap and thread-safe; waiting on it never changes the task.
 */
public interface TaskHandle {

	/**
	 * Returns the task id the orchestrator assigned.
	 * @return the task id
	 */
	String id();

	/**
	 * Returns the task name.
	 * @return the name, or {@code null} for a handle attached to an id only
	 */
	@Nullable String taskName();

	/**
	 * Waits for the result for at most the client's default wait ({@code azolla.client.default-wait}).
	 * @return the result, success or failure
	 * @throws TaskWaitTimeoutException if the task is still running when the wait ends
	 */
	TaskResult await();

	/**
	 * Waits for the result for at most the given time.
	 * @param timeout the longest wait
	 * @return the result, success or failure
	 * @throws TaskWaitTimeoutException if the task is still running when the wait ends
	 * @throws TaskNotFoundException if the orchestrator does not know the task
	 */
	TaskResult await(Duration timeout);

	/**
	 * Asks once, without waiting, whether the task has finished.
	 * @return the result, or empty while the task is queued, running or waiting for a retry
	 */
	Optional<TaskResult> tryResult();

	/**
	 * Returns a future completed with the result, waiting for at most the client's default
	 * wait. No thread is held while the task runs.
	 * @return the future; it fails with the same exceptions {@link #await(Duration)} throws
	 */
	CompletableFuture<TaskResult> resultAsync();

	/**
	 * Returns a future completed with the result, waiting for at most the given time.
	 * Cancelling the future stops the wait, not the task.
	 * @param timeout the longest wait
	 * @return the future
	 */
	CompletableFuture<TaskResult> resultAsync(Duration timeout);

}
