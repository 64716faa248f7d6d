package io.azolla.spring.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the thread pools Azolla runs tasks on.
 */
final class AzollaExecutors {

	private AzollaExecutors() {
	}

	/**
	 * Returns a pool of at most {@code size} daemon threads named after the prefix.
	 */
	static ExecutorService bounded(String prefix, int size) {
		if (size < 1) {
			throw new org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException(
					"azolla.worker.max-concurrency", size, "must be at least 1");
		}
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(size, (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

}
