package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.azolla.spring.worker.AzollaThreads;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.WorkerStats;
import org.jspecify.annotations.Nullable;

/**
 * What the parts of one {@link ShepherdWorker} share: its settings, engine and figures, its
 * scheduler thread, and the state guarded by its one lock (the lifecycle phase and the current
 * stream). The rules for that lock are in the package documentation.
 */
final class ShepherdContext {

	/** The lock of the whole worker, see the package documentation. */
	final Object lock = new Object();

	final ShepherdSettings settings;

	final TaskExecutionEngine engine;

	final WorkerStats stats;

	/** The orchestrator's address, for the log. */
	final String endpoint;

	/** The worker's single timer thread: connection attempts, Status, time limits. */
	final ScheduledExecutorService scheduler;

	/** Guarded by lock. */
	private Phase phase = Phase.NEW;

	/** Guarded by lock: the stream being opened or in use, {@code null} between two. */
	private @Nullable ShepherdStream current;

	ShepherdContext(ShepherdSettings settings, TaskExecutionEngine engine, WorkerStats stats, String endpoint) {
		this.settings = settings;
		this.engine = engine;
		this.stats = stats;
		this.endpoint = endpoint;
		this.scheduler = Executors.newSingleThreadScheduledExecutor(AzollaThreads.daemon("azolla-shepherd-"));
	}

	/** Called with the lock held. */
	Phase phase() {
		return this.phase;
	}

	/** Called with the lock held. */
	void phase(Phase phase) {
		this.phase = phase;
	}

	/** Called with the lock held. */
	@Nullable ShepherdStream current() {
		return this.current;
	}

	/** Called with the lock held. */
	void current(@Nullable ShepherdStream stream) {
		this.current = stream;
	}

	/** Called with the lock held: the current stream if results and Status may be written on it. */
	@Nullable ShepherdStream writable() {
		ShepherdStream stream = this.current;
		return (stream != null && stream.writable()) ? stream : null;
	}

	/**
	 * Runs an action on the scheduler thread after a delay.
	 * @return {@code false} when the worker has stopped and the action will never run
	 */
	boolean schedule(Runnable action, Duration delay) {
		try {
			this.scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * The life of a worker, in this order; it is never started again once stopping.
	 */
	enum Phase {

		NEW, RUNNING, STOPPING, STOPPED

	}

}
