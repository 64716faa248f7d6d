package io.azolla.spring.worker;

import org.jspecify.annotations.Nullable;

/**
 * The thread running one attempt of a task, and the attempt's single decision. Whoever decides
 * first wins: the task's own return, its time limit ({@link TimeLimits}), or a shutdown; the
 * losers' results are discarded. Deciding early interrupts the thread, which cannot be killed.
 * Shared by the engine and {@link TimeLimiter}, so every mode limits time the same way.
 * Thread-safe.
 */
final class AttemptThread {

	/** Guarded by this: the thread to interrupt, only while it runs the attempt. */
	private @Nullable Thread runner;

	/** Guarded by this. */
	private boolean decided;

	/** Guarded by this. */
	private boolean started;

	private volatile long startNanos;

	/**
	 * Makes the calling thread the attempt's thread.
	 * @return {@code false} when the attempt was decided before it could start: do not run it
	 */
	synchronized boolean attach() {
		if (this.decided) {
			return false;
		}
		this.runner = Thread.currentThread();
		this.started = true;
		this.startNanos = System.nanoTime();
		return true;
	}

	/**
	 * The attempt's thread is done with it; a pooled thread must not carry the attempt's
	 * interruption into the next one.
	 */
	synchronized void detach() {
		this.runner = null;
		Thread.interrupted();
	}

	/** Interrupts the attempt's thread if it still runs the attempt. */
	synchronized void interrupt() {
		if (this.runner != null) {
			this.runner.interrupt();
		}
	}

	/**
	 * Claims the decision.
	 * @return {@code true} for the first caller only
	 */
	synchronized boolean decide() {
		if (this.decided) {
			return false;
		}
		this.decided = true;
		return true;
	}

	synchronized boolean isDecided() {
		return this.decided;
	}

	/** Returns whether the attempt's code began to run; stable once decided. */
	synchronized boolean started() {
		return this.started;
	}

	/** Returns when the attempt's code began to run, as {@link System#nanoTime()}. */
	long startNanos() {
		return this.startNanos;
	}

}
