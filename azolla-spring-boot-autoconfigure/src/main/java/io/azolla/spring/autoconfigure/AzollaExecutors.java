package io.azolla.spring.autoconfigure;

import io.azolla.spring.worker.AzollaThreads;
import io.azolla.spring.worker.TimeLimiter;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Creates the threads embedded mode runs tasks on, from Spring Boot's task executor builder (so
 * the application's executor customizers and task decorator apply) and on virtual threads when
 * {@code spring.threads.virtual.enabled} is set, like the shepherd's executor.
 */
final class AzollaExecutors {

	static final String EMBEDDED_PREFIX = "azolla-embedded-";

	static final String TASK_PREFIX = "azolla-task-";

	private AzollaExecutors() {
	}

	/**
	 * Returns the executor of embedded tasks: at most {@code size} run their attempts at once,
	 * the others queue without limit, so submitting never blocks or fails for want of a thread.
	 */
	static ThreadPoolTaskExecutor embedded(ThreadPoolTaskExecutorBuilder builder, int size, boolean virtualThreads) {
		if (size < 1) {
			throw new InvalidConfigurationPropertyValueException("azolla.worker.max-concurrency", size,
					"must be at least 1");
		}
		// Sizes and names are Azolla's own: spring.task.execution.pool.* sizes the application's
		// general executor, not this one.
		ThreadPoolTaskExecutor executor = builder.corePoolSize(size)
			.maxPoolSize(size)
			.queueCapacity(Integer.MAX_VALUE)
			.allowCoreThreadTimeOut(false)
			.threadNamePrefix(EMBEDDED_PREFIX)
			.build();
		executor.setDaemon(true);
		executor.setVirtualThreads(virtualThreads);
		executor.initialize();
		return executor;
	}

	/**
	 * Returns the limiter whose threads run the embedded tasks' code.
	 */
	static TimeLimiter timeLimiter(boolean virtualThreads) {
		return virtualThreads ? new TimeLimiter(new VirtualThreadTaskExecutor(TASK_PREFIX).getVirtualThreadFactory())
				: new TimeLimiter(AzollaThreads.daemon(TASK_PREFIX));
	}

}
