package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskInvoker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One task accepted by a {@link TaskExecutionEngine}, from queueing to its single result: runs
 * it on an executor thread under its time limit and completes it once, whoever decides first
 * (see {@link AttemptThread}). The engine owns the slots and the queue; this class tells it
 * when the thread returned, when the result was taken, and when a timed-out thread should be
 * checked for being stuck.
 */
final class TaskExecution {

	private static final Log logger = LogFactory.getLog(TaskExecution.class);

	final String taskId;

	final String taskName;

	/** The name given to listeners: the task name if registered, else one shared bucket. */
	final String reportedName;

	private final String argsJson;

	private final String kwargsJson;

	private final Consumer<TaskResult> onResult;

	private final TaskExecutionEngine engine;

	private final AttemptThread thread = new AttemptThread();

	/** Guarded by the engine's lock. */
	boolean stuck;

	/** When it was queued for want of a slot ({@link System#nanoTime}); guarded by the engine's lock. */
	long queuedNanos;

	TaskExecution(TaskExecutionEngine engine, String taskId, String taskName, String argsJson,
			String kwargsJson, Consumer<TaskResult> onResult) {
		this.engine = engine;
		this.taskId = Objects.requireNonNull(taskId, "taskId");
		this.taskName = Objects.requireNonNull(taskName, "taskName");
		this.argsJson = argsJson;
		this.kwargsJson = kwargsJson;
		this.onResult = onResult;
		this.reportedName = Listeners.reportedName(engine.invoker().registry(), taskName);
	}

	/** Runs the task on the calling executor thread, which holds a slot. */
	void run() {
		if (!this.thread.attach()) {
			// Answered before it could start, for example interrupted by a shutdown.
			this.engine.threadReturned(this);
			return;
		}
		Listeners.each(this.engine.listeners(), (listener) -> listener.taskStarted(this.taskId, this.reportedName));
		Duration limit = this.engine.limitFor(this.taskName);
		@Nullable ScheduledFuture<?> timeout = this.engine.timeLimits().after(limit, () -> timeOut(limit));
		TaskInvoker invoker = this.engine.invoker();
		// Made current on this thread only; closed here even if a time-out decided first.
		TaskExecutionListener.Scope scope = Listeners.openScopes(this.engine.listeners(), this.taskId,
				this.reportedName);
		try {
			complete(invoker.invoke(this.taskId, this.taskName, this.argsJson, this.kwargsJson));
		}
		catch (VirtualMachineError ex) {
			complete(invoker.outcomes().failure(this.taskId, ex));
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			// The invoker turns task failures into results; this is a bug, but the task still
			// gets its one result.
			logger.error("Unexpected failure running task '" + this.taskName + "' (" + this.taskId + ")", ex);
			complete(invoker.outcomes().failure(this.taskId, ex));
		}
		finally {
			scope.close();
			if (timeout != null) {
				timeout.cancel(false);
			}
			this.thread.detach();
			this.engine.threadReturned(this);
		}
	}

	private void timeOut(Duration limit) {
		if (complete(this.engine.invoker().outcomes().timedOut(this.taskId, this.taskName, limit))) {
			logger.warn("Task '" + this.reportedName + "' (" + this.taskId + ") exceeded its time limit of " + limit
					+ "; interrupting it. Its slot stays taken until its thread returns");
			this.thread.interrupt();
			this.engine.timedOut(this);
		}
	}

	void interrupt() {
		this.thread.interrupt();
	}

	boolean isDone() {
		return this.thread.isDecided();
	}

	/**
	 * Decides this task's result, once: later calls, such as the real result of a task that
	 * already timed out, are discarded.
	 * @return {@code true} when this call decided
	 */
	boolean complete(TaskResult result) {
		if (!this.thread.decide()) {
			logger.debug("Discarding a late result of task '" + this.taskName + "' (" + this.taskId + ")");
			return false;
		}
		if (this.thread.started()) {
			Duration duration = Duration.ofNanos(System.nanoTime() - this.thread.startNanos());
			Listeners.each(this.engine.listeners(),
					(listener) -> listener.taskCompleted(this.taskId, this.reportedName, result, duration));
		}
		try {
			this.onResult.accept(result);
		}
		catch (RuntimeException | Error ex) {
			logger.error("Result callback failed for task '" + this.reportedName + "' (" + this.taskId + ")", ex);
			if (ex instanceof VirtualMachineError fatal) {
				// A failing result callback is logged, but a failing JVM is passed on.
				throw fatal;
			}
		}
		// Forgotten only after the callback has taken the result, so that a duplicate arriving
		// meanwhile is still recognised.
		this.engine.resultTaken(this);
		return true;
	}

}
