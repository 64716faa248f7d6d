package io.azolla.spring.client.grpc;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The probes a client may still send: a token bucket refilled at the schedule's rate that
 * holds at most a tenth of a second's worth, so a burst of new waits cannot spend more.
 */
final class ProbeBudget {

	private final double tokensPerNano;

	private final double capacity;

	private final LongSupplier nanoClock;

	private double tokens;

	private long refilledAt;

	ProbeBudget(int perSecond, LongSupplier nanoClock) {
		this.tokensPerNano = perSecond / (double) TimeUnit.SECONDS.toNanos(1);
		this.capacity = (perSecond > 0) ? Math.max(1, perSecond / 10.0) : 0;
		this.nanoClock = nanoClock;
		this.tokens = this.capacity;
		this.refilledAt = nanoClock.getAsLong();
	}

	/**
	 * Takes one probe from the budget.
	 * @return whether a probe may be sent now
	 */
	synchronized boolean tryTake() {
		long now = this.nanoClock.getAsLong();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.tokensPerNano);
		this.refilledAt = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens--;
		return true;
	}

}
