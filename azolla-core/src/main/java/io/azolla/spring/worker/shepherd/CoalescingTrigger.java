package io.azolla.spring.worker.shepherd;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action soon after it is requested, but at most once per window: a burst of requests
 * (a hundred tasks arriving at once) results in one run at the end of the window, which then
 * sees the latest state. The first request after a quiet period runs at once.
 */
final class CoalescingTrigger {

	private final ScheduledExecutorService scheduler;

	private final long windowNanos;

	private final Runnable action;

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private volatile long lastRunNanos;

	CoalescingTrigger(ScheduledExecutorService scheduler, long windowMillis, Runnable action) {
		this.scheduler = scheduler;
		this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
		this.action = action;
		this.lastRunNanos = System.nanoTime() - this.windowNanos;
	}

	void request() {
		if (!this.scheduled.compareAndSet(false, true)) {
			return;
		}
		long wait = Math.max(0, this.lastRunNanos + this.windowNanos - System.nanoTime());
		try {
			this.scheduler.schedule(this::run, wait, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped: nothing is reported any more.
			this.scheduled.set(false);
		}
	}

	private void run() {
		// Cleared before running, so a change during the action schedules another run.
		this.scheduled.set(false);
		this.lastRunNanos = System.nanoTime();
		this.action.run();
	}

}
