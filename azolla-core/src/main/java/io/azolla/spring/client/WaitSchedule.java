package io.azolla.spring.client;

import java.time.Duration;

/**
 * When a wait asks the orchestrator for a task's result.
 * <p>
 * A blocking {@code WaitForTask} is answered by a server loop that looks for the result only
 * every 200 ms, while a call with {@code timeout_ms = 0} (a probe) answers at once. So a wait
 * starts with probes, the first after {@code firstProbe} and each gap {@code probeGrowth}
 * times the one before, and switches to the server's long poll once the next probe would come
 * later than {@code probePhase} after the wait began: short tasks are seen within milliseconds,
 * long ones cost a few calls more than a long poll alone. Probes are for a client with few tasks
 * under way: a wait that begins while the client has more than {@code maxOpenWaits} unfinished
 * waits long-polls at once, since its task is then most likely queued behind the others. And all
 * waits of one client share a budget of {@code maxProbeRate} probes per second; a wait that finds
 * it spent long-polls at once, so the orchestrator is never flooded. With
 * {@code rememberLongTasks}, a task name whose last probing waits all outlived the probe phase
 * long-polls from the start (one wait in eight still probes, to notice when it becomes quick),
 * so long tasks cost the calls of a long poll alone.
 *
 * @param firstProbe how long after a wait begins the first probe is sent
 * @param probeGrowth the factor by which each gap between probes exceeds the one before
 * @param probePhase how long after a wait begins probes may be sent; later it long-polls
 * @param maxProbeRate the most probes one client sends per second, over all its waits; 0 turns
 * probes off
 * @param maxOpenWaits the most unfinished waits of one client, the new one included, for a new
 * wait to begin with probes
 * @param rememberLongTasks whether waits for task names known to outlive the probe phase skip it
 */
public record WaitSchedule(Duration firstProbe, double probeGrowth, Duration probePhase, int maxProbeRate,
		int maxOpenWaits, boolean rememberLongTasks) {

	public WaitSchedule {
		if (firstProbe == null || firstProbe.isNegative()) {
			throw new IllegalArgumentException("firstProbe must not be negative (was " + firstProbe + ")");
		}
		if (!(probeGrowth >= 1.0) || Double.isInfinite(probeGrowth)) {
			throw new IllegalArgumentException("probeGrowth must be at least 1 (was " + probeGrowth + ")");
		}
		if (probePhase == null || probePhase.isNegative()) {
			throw new IllegalArgumentException("probePhase must not be negative (was " + probePhase + ")");
		}
		if (maxProbeRate < 0) {
			throw new IllegalArgumentException("maxProbeRate must not be negative (was " + maxProbeRate + ")");
		}
		if (maxOpenWaits < 0) {
			throw new IllegalArgumentException("maxOpenWaits must not be negative (was " + maxOpenWaits + ")");
		}
	}

	/**
	 * Creates a schedule that remembers long task names.
	 * @param firstProbe how long after a wait begins the first probe is sent
	 * @param probeGrowth the factor by which each gap between probes exceeds the one before
	 * @param probePhase how long after a wait begins probes may be sent
	 * @param maxProbeRate the most probes one client sends per second; 0 turns probes off
	 * @param maxOpenWaits the most unfinished waits for a new wait to begin with probes
	 */
	public WaitSchedule(Duration firstProbe, double probeGrowth, Duration probePhase, int maxProbeRate,
			int maxOpenWaits) {
		this(firstProbe, probeGrowth, probePhase, maxProbeRate, maxOpenWaits, true);
	}

	/**
	 * Returns the default schedule; docs/benchmarks.md shows what it gives.
	 * @return the default schedule
	 */
	public static WaitSchedule defaults() {
		return new WaitSchedule(Duration.ofMillis(2), 1.5, Duration.ofMillis(100), 1000, 64, true);
	}

	/**
	 * Returns a schedule without probes: every call is a long poll, as before probes existed.
	 * @return a schedule that only long-polls
	 */
	public static WaitSchedule longPollOnly() {
		return new WaitSchedule(Duration.ZERO, 1.0, Duration.ZERO, 0, 0, false);
	}

	/**
	 * Tells whether waits send probes at all.
	 * @return whether probes are on
	 */
	public boolean probes() {
		return this.maxProbeRate > 0 && this.maxOpenWaits > 0 && !this.probePhase.isZero();
	}

	/**
	 * Returns the delay before the probe that follows {@code sent} earlier probes of one wait.
	 * @param sent probes already sent by the wait
	 * @return nanoseconds to wait before the next probe
	 */
	public long nanosBeforeProbe(int sent) {
		double nanos = this.firstProbe.toNanos() * Math.pow(this.probeGrowth, sent);
		return (nanos >= Long.MAX_VALUE / 4) ? Long.MAX_VALUE / 4 : (long) nanos;
	}

}
