package io.azolla.spring.worker;

import java.time.Duration;

import io.azolla.proto.common.TaskResult;

/**
 * Receives the events of a {@link TaskExecutionEngine}: executions starting and completing, and
 * changes of its load. Called from task, timer and submitting threads, so implementations must
 * be thread-safe and quick; an exception or error thrown here is logged and otherwise ignored,
 * and never keeps a task from its result.
 */
public interface TaskExecutionListener {

	/**
	 * The name reported instead of a task name that is not registered here, so that names
	 * sent by the orchestrator cannot create an unbounded number of counters or metric tags.
	 */
	String UNREGISTERED = "(unregistered)";

	/**
	 * Called when a task leaves the local queue and starts executing.
	 * @param taskId the task id
	 * @param taskName the task name
	 */
	default void taskStarted(String taskId, String taskName) {
	}

	/**
	 * Called on the thread that runs the task's code, after {@link #taskStarted} and just
	 * before the code runs; the returned scope is closed on that same thread as soon as the
	 * code returns, even when the result was decided earlier on another thread (a time-out).
	 * It lets a listener make per-task state current where the task runs, for example an
	 * observation, so that what the task logs or calls is correlated with its execution.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @return the scope to close, {@link Scope#NONE} when there is nothing to make current
	 */
	default Scope taskRunning(String taskId, String taskName) {
		return Scope.NONE;
	}

	/**
	 * Called once for every started execution when its result is decided: the task's own
	 * result, a time-out or an interruption. Tasks answered without starting (for example when
	 * the engine shuts down while they are queued) are not reported here.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @param result the result that is reported
	 * @param duration the time from start to result
	 */
	default void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
	}

	/**
	 * Called after the number of running or queued tasks may have changed.
	 * @param running the number of execution slots in use
	 * @param queued the number of tasks waiting for a slot
	 */
	default void loadChanged(int running, int queued) {
	}

	/**
	 * Called when the number of stuck slots changes: slots held by tasks that have not returned
	 * long after their time-out interrupt.
	 * @param stuck the stuck slots
	 */
	default void stuckSlotsChanged(int stuck) {
	}

	/**
	 * What {@link #taskRunning} made current on a task's thread; closed on that thread.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/** A scope that made nothing current. */
		Scope NONE = () -> {
		};

		@Override
		void close();

	}

}
