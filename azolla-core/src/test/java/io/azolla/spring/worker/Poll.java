package io.azolla.spring.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a generous limit, failing with a description; never used to
 * measure time.
 */
public final class Poll {

	public static final Duration LIMIT = Duration.ofSeconds(20);

	private Poll() {
	}

	public static void until(String description, BooleanSupplier condition) {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting until " + description);
			}
			pause();
		}
	}

	public static <T> T until(String description, Supplier<T> value, java.util.function.Predicate<T> accepted) {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (true) {
			T current = value.get();
			if (accepted.test(current)) {
				return current;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting until " + description + "; last value: " + current);
			}
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting", ex);
		}
	}

}
