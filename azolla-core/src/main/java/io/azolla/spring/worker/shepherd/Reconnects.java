package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Paces reconnection and reports lost streams. After a stream that stayed registered for at
 * least {@link #HEALTHY_AFTER}, the next attempt follows at once (within
 * {@link #QUICK_RECONNECT} of jitter) and the backoff starts again from the initial wait;
 * otherwise, a link that keeps breaking or refusing, each attempt waits as
 * {@link ReconnectBackoff} says, so it is never retried in a hot loop (unlike the Rust
 * shepherd, protocol §5.9). A lost registered stream is logged at INFO, the first and every
 * tenth failed attempt in a row at WARN, the others at DEBUG.
 * <p>
 * Not thread-safe: {@link #afterLoss} is called with the worker's lock held (see the package
 * documentation), {@link #log} with the figures it returned.
 */
final class Reconnects {

	/**
	 * How long a stream must have been registered for its loss to count as a break of a working
	 * link (reconnect at once) rather than a failed attempt (back off).
	 */
	static final Duration HEALTHY_AFTER = Duration.ofSeconds(1);

	/** The largest jitter before reconnecting after a working link broke. */
	static final Duration QUICK_RECONNECT = Duration.ofMillis(20);

	private static final Log logger = LogFactory.getLog(Reconnects.class);

	private static final int WARN_EVERY = 10;

	private final ReconnectBackoff backoff;

	private final String endpoint;

	/** Connection attempts that failed since the last working stream. */
	private int failures;

	Reconnects(ShepherdSettings settings, String endpoint) {
		this.backoff = new ReconnectBackoff(settings.reconnectInitial(), settings.reconnectMax(),
				settings.reconnectMultiplier(), () -> ThreadLocalRandom.current().nextDouble());
		this.endpoint = endpoint;
	}

	/**
	 * Decides when to try again after a stream ended.
	 * @param stream the stream that ended
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the wait, and the failed attempts in a row so far
	 */
	Next afterLoss(ShepherdStream stream, long nowNanos) {
		if (stream.registered && nowNanos - stream.registeredAt >= HEALTHY_AFTER.toNanos()) {
			// The link worked: come back at once, and start the backoff again from the top.
			this.backoff.reset();
			this.failures = 0;
			return new Next(Duration.ofNanos((long) (ThreadLocalRandom.current().nextDouble() * QUICK_RECONNECT.toNanos())),
					0);
		}
		this.failures++;
		return new Next(this.backoff.next(), this.failures);
	}

	/**
	 * Logs a lost stream or failed attempt.
	 * @param reason why the stream ended
	 * @param wasRegistered whether Hello had been written on it
	 * @param next what {@link #afterLoss} decided
	 */
	void log(String reason, boolean wasRegistered, Next next) {
		String retry = "; reconnecting in " + next.delay().toMillis() + " ms";
		int failed = next.failures();
		if (wasRegistered || failed == 0) {
			logger.info("Disconnected from the Azolla orchestrator at " + this.endpoint + ": " + reason + retry);
		}
		else if (failed == 1 || failed % WARN_EVERY == 0) {
			logger.warn("Cannot reach the Azolla orchestrator at " + this.endpoint + " (" + failed
					+ " failed attempt(s)): " + reason + retry);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Connection attempt " + failed + " to " + this.endpoint + " failed: " + reason + retry);
		}
	}

	/**
	 * @param delay the wait before the next attempt
	 * @param failures the failed attempts in a row, 0 after a working link
	 */
	record Next(Duration delay, int failures) {
	}

}
