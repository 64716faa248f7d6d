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
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The slot accounting of a {@link TaskExecutionEngine}: at most {@code maxConcurrency}
 * executions hold a slot (timed-out ones until their thread returns), the rest wait in a FIFO
 * queue of unlimited size; the duplicate guard by task id; the stuck slots; and the stop.
 * Everything here is guarded by one lock, which is never held while calling listeners, result
 * callbacks or the executor; waits on it are woken by every change.
 */
final class ExecutionSlots {

	private final Object lock = new Object();

	private final int maxConcurrency;

	private final Deque<TaskExecution> queue = new ArrayDeque<>();

	/** Tasks queued or running whose result is not decided yet, by id: the duplicate guard. */
	private final Map<String, TaskExecution> pending = new HashMap<>();

	/** Executions holding a slot, including timed-out ones whose thread has not returned. */
	private final Set<TaskExecution> running = new LinkedHashSet<>();

	private boolean accepting = true;

	/** Set at the shutdown limit: queued tasks no longer start. */
	private boolean abandoned;

	private int stuck;

	ExecutionSlots(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	/** Takes an execution into a free slot or the queue, see {@link Admission}. */
	Admission admit(TaskExecution execution) {
		synchronized (this.lock) {
			if (!this.accepting) {
				return Admission.STOPPED;
			}
			if (isUndecided(this.pending.get(execution.taskId))) {
				return Admission.DUPLICATE;
			}
			if (this.stuck >= this.maxConcurrency) {
				return Admission.ALL_STUCK;
			}
			this.pending.put(execution.taskId, execution);
			if (this.running.size() < this.maxConcurrency && !isRunning(execution.taskId)) {
				this.running.add(execution);
				return Admission.STARTED;
			}
			execution.queuedNanos = System.nanoTime();
			this.queue.addLast(execution);
			return Admission.QUEUED;
		}
	}

	/** Refuses later admissions. */
	void stopAccepting() {
		synchronized (this.lock) {
			this.accepting = false;
		}
	}

	/** Waits until nothing is queued and every running execution has its result. */
	boolean awaitIdle(Duration limit) {
		return LockWaits.awaitUnder(this.lock,
				() -> this.queue.isEmpty() && this.running.stream().allMatch(TaskExecution::isDone), limit);
	}

	/** Waits until every running execution has its result. */
	boolean awaitResults(Duration limit) {
		return LockWaits.awaitUnder(this.lock, () -> this.running.stream().allMatch(TaskExecution::isDone), limit);
	}

	/** No queued execution starts any more: returns and forgets those queued. */
	List<TaskExecution> abandonQueue() {
		synchronized (this.lock) {
			this.abandoned = true;
			List<TaskExecution> dropped = new ArrayList<>(this.queue);
			this.queue.clear();
			return dropped;
		}
	}

	List<TaskExecution> running() {
		synchronized (this.lock) {
			return new ArrayList<>(this.running);
		}
	}

	boolean contains(String taskId) {
		synchronized (this.lock) {
			return isUndecided(this.pending.get(taskId));
		}
	}

	TaskExecutionEngine.Load load() {
		synchronized (this.lock) {
			return new TaskExecutionEngine.Load(this.running.size(), this.queue.size());
		}
	}

	int stuck() {
		synchronized (this.lock) {
			return this.stuck;
		}
	}

	/**
	 * Frees the slot of an execution whose thread returned, and takes the next queued task
	 * into it, unless the queue was abandoned.
	 */
	Release release(TaskExecution execution) {
		synchronized (this.lock) {
			this.running.remove(execution);
			boolean wasStuck = execution.stuck;
			if (wasStuck) {
				this.stuck--;
			}
			TaskExecution next = null;
			if (!this.abandoned) {
				next = pollStartable();
				if (next != null) {
					this.running.add(next);
				}
			}
			this.lock.notifyAll();
			return new Release(next, wasStuck);
		}
	}

	/** The result of an execution was taken: its id may be admitted again. */
	void forget(TaskExecution execution) {
		synchronized (this.lock) {
			this.pending.remove(execution.taskId, execution);
			this.lock.notifyAll();
		}
	}

	/**
	 * Counts the slot of a timed-out execution as stuck if its thread has not returned.
	 * @return {@code null} when it was not counted (returned, or counted before); otherwise the
	 * queued executions handed back because every slot is now stuck, possibly none
	 */
	@Nullable List<TaskExecution> markStuck(TaskExecution execution) {
		synchronized (this.lock) {
			if (!this.running.contains(execution) || execution.stuck) {
				return null;
			}
			execution.stuck = true;
			this.stuck++;
			if (this.stuck < this.maxConcurrency) {
				return List.of();
			}
			List<TaskExecution> handedBack = new ArrayList<>(this.queue);
			this.queue.clear();
			return handedBack;
		}
	}

	/**
	 * While at least one slot is stuck, takes out of the queue the executions that have waited
	 * at least {@code limit} for a slot, to be handed back. The queue is in arrival order, so
	 * those are at its head.
	 * @return the executions handed back, possibly none
	 */
	List<TaskExecution> handBackWaitedLongerThan(Duration limit) {
		synchronized (this.lock) {
			if (this.stuck == 0 || this.queue.isEmpty()) {
				return List.of();
			}
			long now = System.nanoTime();
			long limitNanos = limit.toNanos();
			List<TaskExecution> handedBack = new ArrayList<>();
			while (!this.queue.isEmpty() && now - this.queue.peekFirst().queuedNanos >= limitNanos) {
				handedBack.add(this.queue.pollFirst());
			}
			if (!handedBack.isEmpty()) {
				this.lock.notifyAll();
			}
			return handedBack;
		}
	}

	/**
	 * An execution whose result is already decided no longer blocks its id: the orchestrator
	 * may retry the task as soon as that result reaches it, possibly before the finished
	 * execution is forgotten here.
	 */
	private static boolean isUndecided(@Nullable TaskExecution execution) {
		return execution != null && !execution.isDone();
	}

	/**
	 * Takes the first queued task whose id has no thread running: a retry waits for the
	 * previous attempt's thread to return. Called with the lock held.
	 */
	private @Nullable TaskExecution pollStartable() {
		Iterator<TaskExecution> queued = this.queue.iterator();
		while (queued.hasNext()) {
			TaskExecution candidate = queued.next();
			if (!isRunning(candidate.taskId)) {
				queued.remove();
				return candidate;
			}
		}
		return null;
	}

	/** Called with the lock held. */
	private boolean isRunning(String taskId) {
		for (TaskExecution execution : this.running) {
			if (execution.taskId.equals(taskId)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What {@link #admit} did with an execution.
	 */
	enum Admission {

		/** It holds a slot: launch it. */
		STARTED,
		/** It waits for a slot. */
		QUEUED,
		/** Its id is queued or running with no result yet: ignore it. */
		DUPLICATE,
		/** The engine is stopping: answer it with the shutdown error. */
		STOPPED,
		/** Every slot is stuck: answer it with the stuck error. */
		ALL_STUCK

	}

	/**
	 * @param next the queued execution that took the slot, to launch, or {@code null}
	 * @param wasStuck whether the freed slot was counted as stuck
	 */
	record Release(@Nullable TaskExecution next, boolean wasStuck) {
	}

}
