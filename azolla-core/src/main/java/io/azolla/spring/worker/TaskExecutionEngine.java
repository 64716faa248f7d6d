package io.azolla.spring.worker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskException;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskOutcomes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on an executor with bounded concurrency and a time limit per task, and completes
 * every accepted task with exactly one wire {@link TaskResult}. Independent of how tasks arrive,
 * so every worker mode can use it.
 * <p>
 * <b>Concurrency.</b> At most {@code maxConcurrency} tasks execute at once; the rest wait in a
 * local FIFO queue of unlimited size, because the orchestrator may dispatch beyond a worker's
 * capacity and a task can never be refused (protocol §5.7). The executor only supplies threads
 * (a thread per task, virtual or not, is ideal); the engine does the bounding itself.
 * <p>
 * <b>Time limit.</b> The limit of a task is what the given limits say, normally
 * {@link TaskTimeouts#forTask}, where the precedence of configuration, annotation and global
 * limit is decided for every mode, and it is enforced by the same mechanism as in
 * {@link TimeLimiter} ({@link TimeLimits}, {@link AttemptThread}). It counts from the start of
 * execution, not from queueing. When it expires the result is decided at once
 * ({@link TaskOutcomes#timedOut}) and the thread is interrupted; whatever the task returns later is discarded. Its slot stays
 * taken until the thread really returns: a thread cannot be killed as the Rust shepherd kills a
 * process, and freeing the slot early would let stuck threads pile up beyond the configured
 * concurrency.
 * <p>
 * <b>Stuck slots.</b> A slot whose task still has not returned {@link #STUCK_AFTER} after its
 * time-out interrupt is <em>stuck</em>; listeners are told the count. When every slot is stuck
 * nothing could ever run here again, so queued and new tasks are answered at once with the
 * retryable {@value #STUCK_ERROR} error instead of waiting until shutdown. While only some slots
 * are stuck the others keep working, but fewer of them, and a retry of the stuck task cannot
 * start at all (it waits for the stuck thread): so while at least one slot is stuck, a queued
 * task that has waited for a slot longer than the {@linkplain #queueTimeout(Duration) queue
 * time-out} ({@link #QUEUE_TIMEOUT} unless set) is handed back with the same error, for the
 * orchestrator to retry, possibly elsewhere. Checked every {@link #QUEUE_SWEEP} at most, so a
 * task is handed back up to that much after its limit. Without a stuck slot, queued tasks wait
 * as long as it takes: a busy worker is not a broken one.
 * <p>
 * <b>Never losing a task.</b> A submission the executor rejects is answered with a retryable
 * {@value #REJECTED_ERROR} error. After {@link #shutdown(Duration)} new submissions are
 * answered with a retryable {@value #SHUTDOWN_ERROR} error; queued tasks still start in slots
 * freed within the shutdown limit, and those left at the limit get the same error. These types
 * are retried only by a retry policy that includes them: the starter's default does (it
 * includes {@code TaskError}, meaning any type), the orchestrator's default ({@code ValueError}
 * only) and the Python client's (nothing) do not, so under those the task fails for good.
 * <p>
 * <b>Duplicates.</b> A task id that is already queued or running is not accepted a second time.
 * Once its result is decided the same id is accepted again, as orchestrator retries reuse task
 * ids, but it does not start while the previous attempt's thread is still running (a timed-out
 * task that has not returned yet): the two never run at once.
 * <p>
 * <b>Parts.</b> {@link ExecutionSlots} keeps the slots, the queue, the duplicate guard and the
 * stuck count under one lock; {@link TaskExecution} runs one task and decides its result; this
 * class launches executions and tells the listeners ({@link Listeners}), never holding that
 * lock. Result callbacks and listeners run on whichever thread decided the result.
 * <p>
 * <b>Names in figures.</b> Listeners receive the task name for registered tasks and
 * {@value TaskExecutionListener#UNREGISTERED} for any other, so names sent by the orchestrator
 * cannot create unbounded counters or metric tags.
 */
public class TaskExecutionEngine {

	/** Error type of a task that reached a worker while it was stopping. */
	public static final String SHUTDOWN_ERROR = "WorkerShutdown";

	/** Error code of a task that reached a worker while it was stopping. */
	public static final String SHUTDOWN_CODE = "WORKER_SHUTDOWN";

	/** Error type of a task whose executor refused to run it. */
	public static final String REJECTED_ERROR = "WorkerRejected";

	/** Error code of a task whose executor refused to run it. */
	public static final String REJECTED_CODE = "WORKER_REJECTED";

	/**
	 * Error type of a task handed back because stuck tasks hold every slot, or some slots for
	 * longer than the queue time-out.
	 */
	public static final String STUCK_ERROR = "WorkerStuck";

	/** Error code of a task handed back because of stuck slots, see {@link #STUCK_ERROR}. */
	public static final String STUCK_CODE = "WORKER_STUCK";

	/**
	 * How long a timed-out task may take to return after its interrupt before its slot counts
	 * as stuck.
	 */
	public static final Duration STUCK_AFTER = Duration.ofSeconds(10);

	/**
	 * How long a queued task may wait for a slot while at least one slot is stuck, unless
	 * {@linkplain #queueTimeout(Duration) set}.
	 */
	public static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(60);

	/** The longest interval between two checks of the queue while a slot is stuck. */
	public static final Duration QUEUE_SWEEP = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(TaskExecutionEngine.class);

	private final TaskInvoker invoker;

	private final int maxConcurrency;

	private final Function<String, @Nullable Duration> limits;

	private final Executor executor;

	private final TimeLimits timeLimits = new TimeLimits("azolla-task-timer-");

	private final List<TaskExecutionListener> listeners = new CopyOnWriteArrayList<>();

	private final ExecutionSlots slots;

	private volatile Duration stuckAfter = STUCK_AFTER;

	private volatile Duration queueTimeout = QUEUE_TIMEOUT;

	/** Whether a sweep of the queue is scheduled; see {@link #sweepQueue()}. */
	private final AtomicBoolean sweeping = new AtomicBoolean();

	/**
	 * Creates an engine.
	 * @param invoker runs one task and turns its outcome into a result
	 * @param maxConcurrency the largest number of tasks executing at once, at least 1
	 * @param limits the time limit of a task name, or {@code null} for none; normally
	 * {@link TaskTimeouts#forTask}
	 * @param executor supplies the threads tasks run on; owned by the caller, never shut down
	 * here. Its {@code execute} must not block (no throttling executors): it is called on the
	 * thread that receives tasks, which must keep reading
	 */
	public TaskExecutionEngine(TaskInvoker invoker, int maxConcurrency, Function<String, @Nullable Duration> limits,
			Executor executor) {
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1, not " + maxConcurrency);
		}
		this.invoker = Objects.requireNonNull(invoker, "invoker");
		this.maxConcurrency = maxConcurrency;
		this.slots = new ExecutionSlots(maxConcurrency);
		this.limits = Objects.requireNonNull(limits, "limits");
		this.executor = Objects.requireNonNull(executor, "executor");
	}

	/**
	 * Returns whether any task is registered; a worker without tasks has nothing to offer.
	 * @return {@code true} when the registry holds at least one task
	 */
	public boolean hasTasks() {
		return !this.invoker.registry().isEmpty();
	}

	/**
	 * Adds a listener for executions and load changes.
	 * @param listener the listener
	 */
	public void addListener(TaskExecutionListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Accepts a task: runs it when a slot is free, otherwise queues it.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @param argsJson the {@code args} JSON text as received
	 * @param kwargsJson the {@code kwargs} JSON text as received
	 * @param onResult receives the task's only result, on whichever thread decides it (possibly
	 * the calling one, for example after shutdown)
	 * @return {@code false} when a task with this id is already queued or running: the duplicate
	 * is ignored and {@code onResult} is never called for it
	 */
	public boolean submit(String taskId, String taskName, String argsJson, String kwargsJson,
			Consumer<TaskResult> onResult) {
		TaskExecution execution = new TaskExecution(this, taskId, taskName, argsJson, kwargsJson,
				Objects.requireNonNull(onResult, "onResult"));
		switch (this.slots.admit(execution)) {
			case DUPLICATE -> {
				return false;
			}
			case STOPPED -> {
				execution.complete(shutdownResult(taskId, taskName));
				return true;
			}
			case ALL_STUCK -> {
				execution.complete(stuckResult(taskId, taskName));
				return true;
			}
			case STARTED -> launch(execution);
			case QUEUED -> {
				// Waits for a slot.
			}
		}
		fireLoadChanged();
		return true;
	}

	/**
	 * Stops taking work: later submissions are answered with the {@value #SHUTDOWN_ERROR} error,
	 * queued tasks keep starting in slots freed until the limit, and at the limit the tasks still
	 * queued are answered with that error while running ones are interrupted and answered with
	 * {@link TaskOutcomes#interrupted}. Blocks for at most about {@code limit}.
	 * @param limit how long running and queued tasks may take to finish
	 * @return {@code true} when every task finished on its own
	 */
	public boolean shutdown(Duration limit) {
		this.slots.stopAccepting();
		fireLoadChanged();
		boolean finished = this.slots.awaitIdle(nonNegative(limit));
		List<TaskExecution> dropped = this.slots.abandonQueue();
		for (TaskExecution execution : dropped) {
			execution.complete(shutdownResult(execution.taskId, execution.taskName));
		}
		if (!dropped.isEmpty()) {
			fireLoadChanged();
		}
		if (!finished) {
			for (TaskExecution execution : this.slots.running()) {
				if (execution.complete(this.invoker.outcomes().interrupted(execution.taskId, execution.taskName))) {
					logger.warn("Task '" + execution.taskName + "' (" + execution.taskId
							+ ") did not finish before shutdown; interrupting it");
					execution.interrupt();
				}
			}
		}
		this.timeLimits.shutdown();
		return finished;
	}

	/**
	 * Waits until every running task has its result decided.
	 * @param limit the longest wait
	 * @return {@code true} when no running task is left without a result
	 */
	public boolean awaitResults(Duration limit) {
		return this.slots.awaitResults(nonNegative(limit));
	}

	/**
	 * Creates the retryable result of a task this worker will not run because it is stopping.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @return a {@value #SHUTDOWN_ERROR} error result
	 */
	public TaskResult shutdownResult(String taskId, String taskName) {
		return retryable(taskId, "Worker is shutting down; task '" + taskName + "' was not run", SHUTDOWN_ERROR,
				SHUTDOWN_CODE);
	}

	private TaskResult stuckResult(String taskId, String taskName) {
		return retryable(taskId, "Execution slots of this worker are held by tasks that outlived their time limit; "
				+ "task '" + taskName + "' was not run", STUCK_ERROR, STUCK_CODE);
	}

	private TaskResult retryable(String taskId, String message, String type, String code) {
		return this.invoker.outcomes()
			.failure(taskId, new TaskException(message).type(type).code(code).retryable(true));
	}

	/**
	 * Changes how long a timed-out task may take to return before its slot counts as stuck.
	 */
	void stuckAfter(Duration limit) {
		this.stuckAfter = limit;
	}

	/**
	 * Changes how long a queued task may wait for a slot while at least one slot is stuck
	 * before it is handed back with the {@value #STUCK_ERROR} error (see the class comment).
	 * @param limit the longest wait, positive
	 */
	public void queueTimeout(Duration limit) {
		if (limit == null || limit.isNegative() || limit.isZero()) {
			throw new IllegalArgumentException("The queue time-out must be positive, not " + limit);
		}
		this.queueTimeout = limit;
	}

	/**
	 * Returns how long a queued task may wait for a slot while at least one slot is stuck.
	 * @return the queue time-out
	 */
	public Duration queueTimeout() {
		return this.queueTimeout;
	}

	/**
	 * Returns the number of slots held by stuck tasks, see the class comment.
	 * @return the stuck slots
	 */
	public int stuckSlots() {
		return this.slots.stuck();
	}

	/**
	 * Returns whether a task with this id is queued or running without a decided result.
	 * @param taskId the task id
	 * @return {@code true} when a submission with this id would be ignored as a duplicate
	 */
	public boolean contains(String taskId) {
		return this.slots.contains(taskId);
	}

	/**
	 * Returns the largest number of tasks executing at once.
	 * @return the concurrency limit
	 */
	public int maxConcurrency() {
		return this.maxConcurrency;
	}

	/**
	 * Returns the current load, both numbers read together.
	 * @return the load
	 */
	public Load load() {
		return this.slots.load();
	}

	TaskInvoker invoker() {
		return this.invoker;
	}

	List<TaskExecutionListener> listeners() {
		return this.listeners;
	}

	TimeLimits timeLimits() {
		return this.timeLimits;
	}

	/** Returns the limit of a task name, {@code null} for none. */
	@Nullable Duration limitFor(String taskName) {
		Duration limit = this.limits.apply(taskName);
		return (limit != null && !limit.isNegative() && !limit.isZero()) ? limit : null;
	}

	/** The thread of an execution returned (or it never ran): its slot goes to the next task. */
	void threadReturned(TaskExecution execution) {
		launch(releaseSlot(execution));
	}

	/** The result callback took an execution's result: its id may be submitted again. */
	void resultTaken(TaskExecution execution) {
		this.slots.forget(execution);
	}

	/** An execution timed out and was interrupted: check later whether its thread returned. */
	void timedOut(TaskExecution execution) {
		this.timeLimits.after(this.stuckAfter, () -> checkStuck(execution));
	}

	private void launch(@Nullable TaskExecution first) {
		// A loop rather than recursion: an executor that keeps rejecting would otherwise
		// recurse once per queued task.
		TaskExecution next = first;
		while (next != null) {
			TaskExecution current = next;
			try {
				this.executor.execute(current::run);
				next = null;
			}
			catch (RuntimeException ex) {
				logger.warn("The executor refused task '" + current.taskName + "' (" + current.taskId + "): " + ex);
				current.complete(retryable(current.taskId, "The worker could not start task '" + current.taskName
						+ "': " + ex.getClass().getSimpleName(), REJECTED_ERROR, REJECTED_CODE));
				next = releaseSlot(current);
			}
		}
	}

	/**
	 * Frees the slot of an execution whose thread returned and tells the listeners.
	 * @return the queued execution that took the slot, to launch, or {@code null}
	 */
	private @Nullable TaskExecution releaseSlot(TaskExecution execution) {
		ExecutionSlots.Release release = this.slots.release(execution);
		if (release.wasStuck()) {
			fireStuckChanged();
		}
		fireLoadChanged();
		return release.next();
	}

	/**
	 * Counts a slot as stuck if its timed-out task has still not returned; when every slot is
	 * stuck, the queue is handed back.
	 */
	private void checkStuck(TaskExecution execution) {
		List<TaskExecution> handedBack = this.slots.markStuck(execution);
		if (handedBack == null) {
			return;
		}
		logger.warn("Task '" + execution.reportedName + "' (" + execution.taskId + ") has not returned "
				+ this.stuckAfter + " after its time-out interrupt; its slot is stuck");
		// Listeners learn the count before the handed-back results go out.
		fireStuckChanged();
		handBack(handedBack);
		// Some slots may still work: bound how long queued tasks wait meanwhile.
		scheduleSweep();
	}

	/**
	 * Hands back the queued tasks that waited longer than the queue time-out, and checks again
	 * later while a slot is still stuck.
	 */
	private void sweepQueue() {
		handBack(this.slots.handBackWaitedLongerThan(this.queueTimeout));
		this.sweeping.set(false);
		if (this.slots.stuck() > 0) {
			scheduleSweep();
		}
	}

	/**
	 * Schedules a sweep unless one is: a slot that gets stuck after a sweep found none starts
	 * the next, as it marks itself stuck before calling this.
	 */
	private void scheduleSweep() {
		if (this.sweeping.compareAndSet(false, true)) {
			Duration timeout = this.queueTimeout;
			Duration interval = (timeout.compareTo(QUEUE_SWEEP) < 0) ? timeout : QUEUE_SWEEP;
			if (this.timeLimits.after(interval, this::sweepQueue) == null) {
				// The engine was shut down: nothing is queued any more.
				this.sweeping.set(false);
			}
		}
	}

	private void handBack(List<TaskExecution> executions) {
		if (executions.isEmpty()) {
			return;
		}
		logger.warn(executions.size() + " queued task(s) handed back with " + STUCK_ERROR + ": "
				+ stuckSlots() + " of " + this.maxConcurrency + " slot(s) are stuck");
		for (TaskExecution queued : executions) {
			queued.complete(stuckResult(queued.taskId, queued.taskName));
		}
		fireLoadChanged();
	}

	private void fireStuckChanged() {
		int now = stuckSlots();
		Listeners.each(this.listeners, (listener) -> listener.stuckSlotsChanged(now));
	}

	private void fireLoadChanged() {
		Load load = load();
		Listeners.each(this.listeners, (listener) -> listener.loadChanged(load.running(), load.queued()));
	}

	private static Duration nonNegative(@Nullable Duration duration) {
		return (duration != null && !duration.isNegative()) ? duration : Duration.ZERO;
	}

	/**
	 * A snapshot of the engine's load.
	 *
	 * @param running the number of execution slots in use
	 * @param queued the number of tasks waiting for a slot
	 */
	public record Load(int running, int queued) {
	}

}
