package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The waits between connection attempts: exponential, capped, with "equal jitter" (a wait is
 * drawn between half the current base and the base), so shepherds that lost the same
 * orchestrator do not all come back in the same instant, yet no wait is ever near zero.
 * Not thread-safe: one reconnect loop owns it.
 */
final class ReconnectBackoff {

	private final long initialNanos;

	private final long maxNanos;

	private final double multiplier;

	private final DoubleSupplier random;

	private long baseNanos;

	ReconnectBackoff(Duration initial, Duration max, double multiplier, DoubleSupplier random) {
		this.initialNanos = initial.toNanos();
		this.maxNanos = max.toNanos();
		this.multiplier = multiplier;
		this.random = random;
		this.baseNanos = this.initialNanos;
	}

	/**
	 * Returns the wait before the next attempt and grows the base for the one after.
	 */
	Duration next() {
		long base = this.baseNanos;
		this.baseNanos = (long) Math.min(this.maxNanos, base * this.multiplier);
		long half = base / 2;
		return Duration.ofNanos(half + (long) (this.random.getAsDouble() * (base - half)));
	}

	/**
	 * Starts again from the initial wait, after a connection that worked.
	 */
	void reset() {
		this.baseNanos = this.initialNanos;
	}

}
