package io.azolla.spring.retry;

import java.time.Duration;

/**
 * Waits between two attempts of a task retried in this JVM. The standard one blocks the calling
 * thread with {@link Thread#sleep(long)}; tests supply one that only advances a fake clock.
 */
@FunctionalInterface
public interface RetrySleeper {

	/**
	 * Waits for the given delay, already rounded to whole milliseconds.
	 * @param delay the wait before the next attempt
	 * @throws InterruptedException if the thread is interrupted while waiting: no further
	 * attempt is made
	 */
	void sleep(Duration delay) throws InterruptedException;

	/**
	 * Returns the sleeper that blocks the calling thread.
	 * @return the standard sleeper
	 */
	static RetrySleeper threadSleep() {
		return (delay) -> Thread.sleep(delay.toMillis());
	}

}
