package io.azolla.spring.client.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskWaitInterruptedException;
import io.azolla.spring.model.AzollaException;
import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;

/**
 * Base of the {@link TaskHandle} implementations: it holds the id and task name and builds
 * the blocking waits on {@link #resultAsync(Duration)}, so every client blocks, times out
 * and reports failures the same way. Subclasses supply the asynchronous wait, the single
 * look of {@link #tryResult()} and their client's default wait.
 */
public abstract class AbstractTaskHandle implements TaskHandle {

	/** The longest wait {@link #await(Duration)} passes on, about 73 years. */
	static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE / 4);

	private final String id;

	private final @Nullable String taskName;

	/**
	 * Creates a handle.
	 * @param id the task id
	 * @param taskName the task name, or {@code null} for a handle attached to an id only
	 */
	protected AbstractTaskHandle(String id, @Nullable String taskName) {
		this.id = id;
		this.taskName = taskName;
	}

	@Override
	public final String id() {
		return this.id;
	}

	@Override
	public final @Nullable String taskName() {
		return this.taskName;
	}

	@Override
	public final TaskResult await() {
		return await(defaultWait());
	}

	@Override
	public final TaskResult await(Duration timeout) {
		CompletableFuture<TaskResult> future = resultAsync(requireTimeout(timeout));
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			// Only this wait ends; resultAsync's contract keeps the task itself running.
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new TaskWaitInterruptedException(this.taskName, this.id, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AzollaException azolla) {
				throw azolla;
			}
			throw new OrchestratorException("Waiting for task " + this.id + " failed: " + ex.getCause(), this.taskName,
					this.id, ex.getCause());
		}
	}

	@Override
	public final CompletableFuture<TaskResult> resultAsync() {
		return resultAsync(defaultWait());
	}

	/**
	 * Returns how long {@link #await()} and {@link #resultAsync()} wait. Asked on every wait,
	 * not captured at creation, so the handle always follows its client.
	 * @return the client's default wait
	 */
	protected abstract Duration defaultWait();

	/**
	 * Checks a wait limit the way every handle does, and bounds it to about 73 years so that
	 * even {@code ChronoUnit.FOREVER.getDuration()} can be counted in nanoseconds.
	 * @param timeout the limit given by the caller
	 * @return the limit to wait for
	 * @throws IllegalArgumentException if the limit is {@code null} or negative
	 */
	protected static Duration requireTimeout(Duration timeout) {
		if (timeout == null || timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative (was " + timeout + ")");
		}
		// Clamped: a wait such as ChronoUnit.FOREVER.getDuration() has no nanosecond count.
		return (timeout.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : timeout;
	}

}
