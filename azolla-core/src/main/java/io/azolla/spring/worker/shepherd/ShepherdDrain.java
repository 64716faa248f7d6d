package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.azolla.spring.worker.LockWaits;
import io.azolla.spring.worker.TaskExecutionEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops a worker gracefully within its shutdown timeout: reports zero capacity (Status with
 * load = maximum), lets running tasks finish within the timeout less a
 * {@link #deliveryReserve delivery reserve} (then interrupts them); queued tasks still start in
 * slots freed meanwhile, and those left at the end, like Tasks arriving while stopping, are
 * answered with the retryable {@value TaskExecutionEngine#SHUTDOWN_ERROR} error. It keeps the
 * stream open for {@link #STOP_GRACE} and until it has been quiet for
 * {@link #STOP_QUIET_PERIOD}, waits for the results to be written (reconnecting if needed),
 * half-closes the stream and waits for the server to end it, the only proof that everything
 * sent was read; results of a stream that breaks meanwhile are sent again on a new one. Runs
 * on the stopping thread; see the package documentation for the lock.
 */
final class ShepherdDrain {

	/**
	 * How long a stopping worker keeps the stream open after reporting zero capacity, so that
	 * Tasks the orchestrator dispatched before it read that Status are still answered.
	 */
	static final Duration STOP_GRACE = Duration.ofMillis(300);

	/**
	 * How long the stream must stay free of new Tasks before a stopping worker closes it. The
	 * orchestrator may have chosen this worker just before it read the zero-capacity Status and
	 * then spend a while committing the dispatch; a Task arriving after the close could never
	 * be answered (measured against the real orchestrator under load: about 300 ms late).
	 */
	static final Duration STOP_QUIET_PERIOD = Duration.ofSeconds(1);

	static final Duration MAX_DELIVERY_RESERVE = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(ShepherdDrain.class);

	private final ShepherdContext context;

	private final StatusReporter status;

	private final ResultDelivery results;

	private final TaskIntake intake;

	private final StreamSession session;

	private final CountDownLatch stopped = new CountDownLatch(1);

	ShepherdDrain(ShepherdContext context, StatusReporter status, ResultDelivery results, TaskIntake intake,
			StreamSession session) {
		this.context = context;
		this.status = status;
		this.results = results;
		this.intake = intake;
		this.session = session;
	}

	/** Runs the whole graceful stop, see the class comment; the phase is already STOPPING. */
	void drain() {
		Duration timeout = this.context.settings.shutdownTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		// Running tasks get the timeout less a reserve, so that their results (interrupted ones
		// included) can still be delivered before Spring gives up on this shutdown phase.
		Duration forTasks = timeout.minus(deliveryReserve(timeout));
		TaskExecutionEngine engine = this.context.engine;
		TaskExecutionEngine.Load load = engine.load();
		logger.info("Stopping the Azolla shepherd worker: no new tasks; waiting up to " + forTasks + " for "
				+ load.running() + " running and " + load.queued() + " queued task(s)");
		long zeroCapacitySent = System.nanoTime();
		this.status.send(true);
		if (!engine.shutdown(forTasks)) {
			logger.warn("Tasks did not finish within " + forTasks + "; running ones were interrupted, queued ones "
					+ "returned");
		}
		sleepUntil(Math.min(zeroCapacitySent + STOP_GRACE.toNanos(), deadline));
		awaitQuietStream(remaining(deadline));
		closeStream(deadline);
		finish();
		logger.info("Azolla shepherd worker stopped");
	}

	/** Waits until the worker has stopped. */
	void awaitStopped() throws InterruptedException {
		this.stopped.await();
	}

	/**
	 * A quarter of the shutdown timeout, at most 5 s, for delivering results after the tasks.
	 */
	static Duration deliveryReserve(Duration timeout) {
		Duration quarter = timeout.dividedBy(4);
		return (quarter.compareTo(MAX_DELIVERY_RESERVE) > 0) ? MAX_DELIVERY_RESERVE : quarter;
	}

	/**
	 * Keeps the stream open until no Task has arrived for {@link #STOP_QUIET_PERIOD}; late
	 * Tasks are answered with the retryable shutdown error so the orchestrator sends them
	 * elsewhere.
	 */
	private void awaitQuietStream(Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			long quietUntil = this.intake.lastReceived() + STOP_QUIET_PERIOD.toNanos();
			long now = System.nanoTime();
			if (now - quietUntil >= 0 || now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
				return;
			}
			sleepUntil(Math.min(quietUntil, deadline));
		}
	}

	/**
	 * Delivers what is left, half-closes the stream and waits for the server to end it; a
	 * stream that breaks meanwhile puts its results back and a new one is opened.
	 */
	private void closeStream(long deadline) {
		Object lock = this.context.lock;
		while (true) {
			if (!LockWaits.awaitUnder(lock, () -> this.results.pending() == 0, remaining(deadline))) {
				int undelivered;
				synchronized (lock) {
					undelivered = this.results.pending();
				}
				logger.warn(undelivered + " task result(s) could not be delivered before stopping; "
						+ "the orchestrator keeps those tasks unfinished");
				return;
			}
			ShepherdStream closing;
			synchronized (lock) {
				closing = this.context.current();
				if (closing == null || !closing.registered) {
					// Nothing was written that is not confirmed or queued again.
					return;
				}
				closing.halfClose();
			}
			if (!LockWaits.awaitUnder(lock, () -> closing.ended, remaining(deadline))) {
				int unconfirmed;
				synchronized (lock) {
					unconfirmed = this.results.unconfirmed();
				}
				logger.warn("The orchestrator did not end the shepherd stream in time; " + unconfirmed
						+ " recently sent result(s) are unconfirmed");
				return;
			}
			synchronized (lock) {
				if (this.results.pending() == 0) {
					return;
				}
			}
			// The stream broke before the server ended it, or late Tasks were answered meanwhile:
			// the results are queued again and go out on the next stream.
		}
	}

	private void finish() {
		ShepherdStream open;
		synchronized (this.context.lock) {
			this.context.phase(ShepherdContext.Phase.STOPPED);
			open = this.session.release();
			this.context.stats.recordDisconnected("stopped", false);
		}
		if (open != null) {
			open.cancel("Shepherd worker stopped");
		}
		this.context.scheduler.shutdownNow();
		this.stopped.countDown();
	}

	private static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
	}

	private static void sleepUntil(long deadlineNanos) {
		long remaining = deadlineNanos - System.nanoTime();
		if (remaining > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
