package io.azolla.spring.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits on an object monitor for the worker's shutdown steps.
 */
public final class LockWaits {

	private LockWaits() {
	}

	/**
	 * Waits on a lock until a condition holds or a limit passes. Whoever changes what the
	 * condition reads must {@code notifyAll()} on the same lock; the waits are timed, so a
	 * missed notify costs at most the limit, never a hang.
	 * @param lock the monitor guarding what the condition reads
	 * @param condition checked while holding the lock
	 * @param limit the longest wait
	 * @return {@code true} once the condition holds, {@code false} when the limit passed or
	 * the thread was interrupted (its interrupt flag is then set again)
	 */
	public static boolean awaitUnder(Object lock, BooleanSupplier condition, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		synchronized (lock) {
			while (!condition.getAsBoolean()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				try {
					lock.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

}
