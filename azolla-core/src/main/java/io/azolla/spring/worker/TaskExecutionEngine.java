package io.azolla.spring.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * limit is decided for every mode. It counts from the start of execution, not from queueing. When it expires the result is decided at once ({@link TaskOutcomes#timedOut})
 * and the thread is interrupted; whatever the task returns later is discarded. Its slot stays
 * taken until the thread really returns: a thread cannot be killed as the Rust shepherd kills a
 * process, and freeing the slot early would let stuck threads pile up beyond the configured
 * concurrency.
 * <p>
 * <b>Stuck slots.</b> A slot whose task still has not returned {@link #STUCK_AFTER} after its
 * time-out interrupt is <em>stuck</em>; listeners are told the count. When every slot is stuck
 * nothing could ever run here again, so queued and new tasks are answered at once with the
 * retryable {@value #STUCK_ERROR} error instead of waiting until shutdown.
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

	/** Error type of a task handed back because every slot is held by a stuck task. */
	public static final String STUCK_ERROR = "WorkerStuck";

	/** Error code of a task handed back because every slot is held by a stuck task. */
	public static final String STUCK_CODE = "WORKER_STUCK";

	/**
	 * How long a timed-out task may take to return after its interrupt before its slot counts
	 * as stuck.
	 */
	public static final Duration STUCK_AFTER = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(TaskExecutionEngine.class);

	private final TaskInvoker invoker;

	private final int maxConcurrency;

	private final Function<String, @Nullable Duration> limits;

	private final Executor executor;

	private final ScheduledExecutorService timer;

	private final List<TaskExecutionListener> listeners = new CopyOnWriteArrayList<>();

	private final Object lock = new Object();

	private final Deque<Execution> queue = new ArrayDeque<>();

	/** Tasks queued or running whose result is not decided yet, by id: the duplicate guard. */
	private final Map<String, Execution> pending = new HashMap<>();

	/** Executions holding a slot, including timed-out ones whose thread has not returned. */
	private final Set<Execution> running = new LinkedHashSet<>();

	private boolean accepting = true;

	/** Set at the shutdown limit: queued tasks no longer start. */
	private boolean abandoned;

	private int stuck;

	private volatile Duration stuckAfter = STUCK_AFTER;

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
		this.limits = Objects.requireNonNull(limits, "limits");
		this.executor = Objects.requireNonNull(executor, "executor");
		this.timer = Executors.newSingleThreadScheduledExecutor(AzollaThreads.daemon("azolla-task-timer-"));
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
		Execution execution = new Execution(taskId, taskName, argsJson, kwargsJson,
				Objects.requireNonNull(onResult, "onResult"));
		boolean start = false;
		boolean stopped = false;
		boolean allStuck = false;
		synchronized (this.lock) {
			if (!this.accepting) {
				stopped = true;
			}
			else if (isUndecided(this.pending.get(taskId))) {
				return false;
			}
			else if (this.stuck >= this.maxConcurrency) {
				allStuck = true;
			}
			else {
				this.pending.put(taskId, execution);
				if (this.running.size() < this.maxConcurrency && !isRunning(taskId)) {
					this.running.add(execution);
					start = true;
				}
				else {
					this.queue.addLast(execution);
				}
			}
		}
		if (stopped) {
			execution.complete(shutdownResult(taskId, taskName));
			return true;
		}
		if (allStuck) {
			execution.complete(stuckResult(taskId, taskName));
			return true;
		}
		if (start) {
			launch(execution);
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
		synchronized (this.lock) {
			this.accepting = false;
		}
		fireLoadChanged();
		boolean finished = LockWaits.awaitUnder(this.lock,
				() -> this.queue.isEmpty() && this.running.stream().allMatch(Execution::isDone), nonNegative(limit));
		List<Execution> dropped;
		synchronized (this.lock) {
			this.abandoned = true;
			dropped = new ArrayList<>(this.queue);
			this.queue.clear();
		}
		for (Execution execution : dropped) {
			execution.complete(shutdownResult(execution.taskId, execution.taskName));
		}
		if (!dropped.isEmpty()) {
			fireLoadChanged();
		}
		if (!finished) {
			List<Execution> unfinished;
			synchronized (this.lock) {
				unfinished = new ArrayList<>(this.running);
			}
			for (Execution execution : unfinished) {
				if (execution.complete(this.invoker.outcomes().interrupted(execution.taskId, execution.taskName))) {
					logger.warn("Task '" + execution.taskName + "' (" + execution.taskId
							+ ") did not finish before shutdown; interrupting it");
					execution.interrupt();
				}
			}
		}
		this.timer.shutdownNow();
		return finished;
	}

	/**
	 * Waits until every running task has its result decided.
	 * @param limit the longest wait
	 * @return {@code true} when no running task is left without a result
	 */
	public boolean awaitResults(Duration limit) {
		return LockWaits.awaitUnder(this.lock, () -> this.running.stream().allMatch(Execution::isDone),
				nonNegative(limit));
	}

	/**
	 * Creates the retryable result of a task this worker will not run because it is stopping.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @return a {@value #SHUTDOWN_ERROR} error result
	 */
	public TaskResult shutdownResult(String taskId, String taskName) {
		return this.invoker.outcomes()
			.failure(taskId, new TaskException("Worker is shutting down; task '" + taskName + "' was not run")
				.type(SHUTDOWN_ERROR)
				.code(SHUTDOWN_CODE)
				.retryable(true));
	}

	/**
	 * Creates the retryable result of a task handed back because every slot is stuck.
	 */
	private TaskResult stuckResult(String taskId, String taskName) {
		return this.invoker.outcomes()
			.failure(taskId, new TaskException("Every execution slot of this worker is held by a task that outlived "
					+ "its time limit; task '" + taskName + "' was not run")
				.type(STUCK_ERROR)
				.code(STUCK_CODE)
				.retryable(true));
	}

	/**
	 * Changes how long a timed-out task may take to return before its slot counts as stuck.
	 */
	void stuckAfter(Duration limit) {
		this.stuckAfter = limit;
	}

	/**
	 * Returns the number of slots held by stuck tasks, see the class comment.
	 * @return the stuck slots
	 */
	public int stuckSlots() {
		synchronized (this.lock) {
			return this.stuck;
		}
	}

	/**
	 * Returns whether a task with this id is queued or running without a decided result.
	 * @param taskId the task id
	 * @return {@code true} when a submission with this id would be ignored as a duplicate
	 */
	public boolean contains(String taskId) {
		synchronized (this.lock) {
			return isUndecided(this.pending.get(taskId));
		}
	}

	/**
	 * An execution whose result is already decided no longer blocks its id: the orchestrator
	 * may retry the task as soon as that result reaches it, possibly before the finished
	 * execution is forgotten here.
	 */
	private static boolean isUndecided(Execution execution) {
		return execution != null && !execution.isDone();
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
		synchronized (this.lock) {
			return new Load(this.running.size(), this.queue.size());
		}
	}

	private void launch(Execution first) {
		// A loop rather than recursion: an executor that keeps rejecting would otherwise
		// recurse once per queued task.
		Execution next = first;
		while (next != null) {
			Execution current = next;
			try {
				this.executor.execute(current::run);
				next = null;
			}
			catch (RuntimeException ex) {
				logger.warn("The executor refused task '" + current.taskName + "' (" + current.taskId + "): " + ex);
				current.complete(this.invoker.outcomes()
					.failure(current.taskId, new TaskException("The worker could not start task '"
							+ current.taskName + "': " + ex.getClass().getSimpleName())
						.type(REJECTED_ERROR)
						.code(REJECTED_CODE)
						.retryable(true)));
				next = releaseSlot(current);
			}
		}
	}

	/**
	 * Frees the slot of an execution whose thread returned, and takes the next queued task
	 * into it.
	 * @return the execution to launch next, or {@code null}
	 */
	private Execution releaseSlot(Execution execution) {
		Execution next = null;
		boolean wasStuck;
		synchronized (this.lock) {
			this.running.remove(execution);
			wasStuck = execution.stuck;
			if (wasStuck) {
				this.stuck--;
			}
			if (!this.abandoned) {
				next = pollStartable();
				if (next != null) {
					this.running.add(next);
				}
			}
			this.lock.notifyAll();
		}
		if (wasStuck) {
			fireStuckChanged();
		}
		fireLoadChanged();
		return next;
	}

	/**
	 * Takes the first queued task whose id has no thread running: a retry waits for the
	 * previous attempt's thread to return. Called with the lock held.
	 */
	private Execution pollStartable() {
		Iterator<Execution> queued = this.queue.iterator();
		while (queued.hasNext()) {
			Execution candidate = queued.next();
			if (!isRunning(candidate.taskId)) {
				queued.remove();
				return candidate;
			}
		}
		return null;
	}

	/** Called with the lock held. */
	private boolean isRunning(String taskId) {
		for (Execution execution : this.running) {
			if (execution.taskId.equals(taskId)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Counts a slot as stuck if its timed-out task has still not returned; when every slot is
	 * stuck, the queue is handed back.
	 */
	private void checkStuck(Execution execution) {
		List<Execution> handedBack = List.of();
		synchronized (this.lock) {
			if (!this.running.contains(execution) || execution.stuck) {
				return;
			}
			execution.stuck = true;
			this.stuck++;
			if (this.stuck >= this.maxConcurrency) {
				handedBack = new ArrayList<>(this.queue);
				this.queue.clear();
			}
		}
		logger.warn("Task '" + execution.reportedName + "' (" + execution.taskId + ") has not returned "
				+ this.stuckAfter + " after its time-out interrupt; its slot is stuck");
		for (Execution queued : handedBack) {
			queued.complete(stuckResult(queued.taskId, queued.taskName));
		}
		fireStuckChanged();
		fireLoadChanged();
	}

	private void fireStuckChanged() {
		int now = stuckSlots();
		for (TaskExecutionListener listener : this.listeners) {
			try {
				listener.stuckSlotsChanged(now);
			}
			catch (RuntimeException | Error ex) {
				logger.warn("Execution listener failed: " + ex);
			}
		}
	}

	/**
	 * A failing result callback is logged, but a failing JVM is passed on.
	 */
	private static void rethrowFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError fatal) {
			throw fatal;
		}
	}

	private void fireLoadChanged() {
		Load load = load();
		for (TaskExecutionListener listener : this.listeners) {
			try {
				listener.loadChanged(load.running(), load.queued());
			}
			catch (RuntimeException | Error ex) {
				logger.warn("Execution listener failed: " + ex);
			}
		}
	}

	private static Duration positiveOrNull(Duration duration) {
		return (duration != null && !duration.isNegative() && !duration.isZero()) ? duration : null;
	}

	private static Duration nonNegative(Duration duration) {
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

	/**
	 * One accepted task, from queueing to its single result.
	 */
	private final class Execution {

		private final String taskId;

		private final String taskName;

		private final String argsJson;

		private final String kwargsJson;

		private final Consumer<TaskResult> onResult;

		/** The name given to listeners: the task name if registered, else one shared bucket. */
		private final String reportedName;

		/** Guarded by the engine's lock. */
		private boolean stuck;

		/** Guarded by {@code this}: the thread to interrupt, only while it runs this task. */
		private Thread runner;

		private boolean done;

		private volatile long startNanos;

		Execution(String taskId, String taskName, String argsJson, String kwargsJson,
				Consumer<TaskResult> onResult) {
			this.taskId = Objects.requireNonNull(taskId, "taskId");
			this.taskName = Objects.requireNonNull(taskName, "taskName");
			this.argsJson = argsJson;
			this.kwargsJson = kwargsJson;
			this.onResult = onResult;
			this.reportedName = TaskExecutionEngine.this.invoker.registry().find(taskName).isPresent() ? taskName
					: TaskExecutionListener.UNREGISTERED;
		}

		void run() {
			if (!attach()) {
				// Answered before it could start, for example interrupted by a shutdown.
				launch(releaseSlot(this));
				return;
			}
			notifyStarted();
			Duration limit = positiveOrNull(TaskExecutionEngine.this.limits.apply(this.taskName));
			ScheduledFuture<?> timeout = scheduleTimeout(limit);
			// Made current on this thread only; closed here even if a time-out decided first.
			TaskExecutionListener.Scope scope = ListenerScopes.open(TaskExecutionEngine.this.listeners, this.taskId,
					this.taskName);
			try {
				complete(TaskExecutionEngine.this.invoker.invoke(this.taskId, this.taskName, this.argsJson,
						this.kwargsJson));
			}
			catch (VirtualMachineError ex) {
				complete(TaskExecutionEngine.this.invoker.outcomes().failure(this.taskId, ex));
				throw ex;
			}
			catch (RuntimeException | Error ex) {
				// The invoker turns task failures into results; this is a bug, but the task
				// still gets its one result.
				logger.error("Unexpected failure running task '" + this.taskName + "' (" + this.taskId + ")", ex);
				complete(TaskExecutionEngine.this.invoker.outcomes().failure(this.taskId, ex));
			}
			finally {
				scope.close();
				if (timeout != null) {
					timeout.cancel(false);
				}
				detach();
				launch(releaseSlot(this));
			}
		}

		private ScheduledFuture<?> scheduleTimeout(Duration limit) {
			if (limit == null) {
				return null;
			}
			try {
				return TaskExecutionEngine.this.timer.schedule(() -> timeOut(limit), limit.toNanos(),
						TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// The engine is shutting down; its own limit interrupts the task instead.
				return null;
			}
		}

		private void timeOut(Duration limit) {
			if (complete(TaskExecutionEngine.this.invoker.outcomes().timedOut(this.taskId, this.taskName, limit))) {
				logger.warn("Task '" + this.reportedName + "' (" + this.taskId + ") exceeded its time limit of " + limit
						+ "; interrupting it. Its slot stays taken until its thread returns");
				interrupt();
				try {
					TaskExecutionEngine.this.timer.schedule(() -> checkStuck(this),
							TaskExecutionEngine.this.stuckAfter.toNanos(), TimeUnit.NANOSECONDS);
				}
				catch (RejectedExecutionException ex) {
					// Shutting down: the slot no longer matters.
				}
			}
		}

		private synchronized boolean attach() {
			if (this.done) {
				return false;
			}
			this.runner = Thread.currentThread();
			this.startNanos = System.nanoTime();
			return true;
		}

		private synchronized void detach() {
			this.runner = null;
			// A pooled thread must not carry this task's interruption into the next task.
			Thread.interrupted();
		}

		synchronized void interrupt() {
			if (this.runner != null) {
				this.runner.interrupt();
			}
		}

		synchronized boolean isDone() {
			return this.done;
		}

		/**
		 * Decides this task's result, once: later calls, such as the real result of a task that
		 * already timed out, are discarded.
		 */
		boolean complete(TaskResult result) {
			boolean started;
			synchronized (this) {
				if (this.done) {
					logger.debug("Discarding a late result of task '" + this.taskName + "' (" + this.taskId + ")");
					return false;
				}
				this.done = true;
				started = this.runner != null;
			}
			if (started) {
				notifyCompleted(result, Duration.ofNanos(System.nanoTime() - this.startNanos));
			}
			try {
				this.onResult.accept(result);
			}
			catch (RuntimeException | Error ex) {
				logger.error("Result callback failed for task '" + this.reportedName + "' (" + this.taskId + ")", ex);
				rethrowFatal(ex);
			}
			// Forgotten only after the callback has taken the result, so that a duplicate
			// arriving meanwhile is still recognised.
			synchronized (TaskExecutionEngine.this.lock) {
				TaskExecutionEngine.this.pending.remove(this.taskId, this);
				TaskExecutionEngine.this.lock.notifyAll();
			}
			return true;
		}

		private void notifyStarted() {
			for (TaskExecutionListener listener : TaskExecutionEngine.this.listeners) {
				try {
					listener.taskStarted(this.taskId, this.reportedName);
				}
				catch (RuntimeException | Error ex) {
					logger.warn("Execution listener failed: " + ex);
				}
			}
		}

		private void notifyCompleted(TaskResult result, Duration duration) {
			for (TaskExecutionListener listener : TaskExecutionEngine.this.listeners) {
				try {
					listener.taskCompleted(this.taskId, this.reportedName, result, duration);
				}
				catch (RuntimeException | Error ex) {
					logger.warn("Execution listener failed: " + ex);
				}
			}
		}

	}

}
