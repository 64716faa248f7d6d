package io.azolla.spring.worker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The one time-limit mechanism of every worker mode: a timer thread that runs an action when an
 * attempt's limit passes, the action deciding the attempt's result as timed out and
 * interrupting its {@link AttemptThread}. The limit counts from the start of the attempt; how
 * long a task may run is decided by {@link TaskTimeouts}. Thread-safe.
 */
final class TimeLimits {

	private final ScheduledExecutorService timer;

	TimeLimits(String threadNamePrefix) {
		this.timer = Executors.newSingleThreadScheduledExecutor(AzollaThreads.daemon(threadNamePrefix));
	}

	/**
	 * Runs an action on the timer thread after a delay.
	 * @param delay the delay, {@code null} for never
	 * @param action what to run
	 * @return the scheduled action, to cancel when the attempt ends first, or {@code null} when
	 * there is no delay or the timer was shut down
	 */
	@Nullable ScheduledFuture<?> after(@Nullable Duration delay, Runnable action) {
		if (delay == null) {
			return null;
		}
		try {
			return this.timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	/** Stops the timer; actions not run yet never run. */
	void shutdown() {
		this.timer.shutdownNow();
	}

}
