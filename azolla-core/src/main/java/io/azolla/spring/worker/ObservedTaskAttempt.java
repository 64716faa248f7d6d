package io.azolla.spring.worker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TaskAttempt} that reports each attempt to {@link TaskExecutionListener listeners},
 * as a {@link TaskExecutionEngine} does: started, completed with its result and duration, and
 * the load around both. Like the engine, it gives listeners the task's name only when it is
 * registered, and {@value TaskExecutionListener#UNREGISTERED} for any other name. The
 * listeners' {@link TaskExecutionListener#taskRunning scopes} are
 * opened by the delegate, on the thread that runs the task's code ({@link TimeLimiter} does,
 * when given the listeners). It gives the worker modes that run tasks without an engine (embedded
 * and invocation) the same statistics and metrics as a shepherd.
 * <p>
 * The duration is measured around the delegate, so with a {@link TimeLimiter} a timed-out
 * attempt completes at its limit, as in the engine. Thread-safe; listeners are called on the
 * attempt's thread and an exception they throw is logged and otherwise ignored.
 */
public final class ObservedTaskAttempt implements TaskAttempt {

	private final TaskAttempt delegate;

	private final TaskRegistry registry;

	private final List<TaskExecutionListener> listeners;

	private final IntSupplier queued;

	private final AtomicInteger running = new AtomicInteger();

	/**
	 * Creates an attempt that reports to the given listeners.
	 * @param delegate runs the attempt
	 * @param registry the registered tasks, which decide the name listeners are given
	 * @param listeners told about every attempt, in order
	 * @param queued the number of tasks waiting for a thread, read whenever the load is reported
	 */
	public ObservedTaskAttempt(TaskAttempt delegate, TaskRegistry registry, List<TaskExecutionListener> listeners,
			IntSupplier queued) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.listeners = List.copyOf(listeners);
		this.queued = Objects.requireNonNull(queued, "queued");
	}

	@Override
	public TaskResult run(String taskId, String taskName, String argsJson, String kwargsJson) {
		String reportedName = Listeners.reportedName(this.registry, taskName);
		int now = this.running.incrementAndGet();
		each((listener) -> listener.taskStarted(taskId, reportedName));
		each((listener) -> listener.loadChanged(now, this.queued.getAsInt()));
		long start = System.nanoTime();
		@Nullable TaskResult result = null;
		try {
			result = this.delegate.run(taskId, taskName, argsJson, kwargsJson);
			return result;
		}
		finally {
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			int left = this.running.decrementAndGet();
			if (result != null) {
				TaskResult decided = result;
				each((listener) -> listener.taskCompleted(taskId, reportedName, decided, duration));
			}
			each((listener) -> listener.loadChanged(left, this.queued.getAsInt()));
		}
	}

	private void each(Consumer<TaskExecutionListener> event) {
		Listeners.each(this.listeners, event);
	}

}
