package io.azolla.spring.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskInvoker;
import org.jspecify.annotations.Nullable;

/**
 * Runs task attempts on their own threads and stops them at their execution limit: the task's
 * thread is interrupted and a {@code TaskTimeoutError} is reported instead of the result that
 * may still come. Used where a worker runs few tasks at a time (invocation and embedded mode).
 */
public final class TimeLimiter implements AutoCloseable {

	private final ExecutorService threads;

	/**
	 * Creates a limiter that runs tasks on daemon platform threads named {@code azolla-task-N}.
	 */
	public TimeLimiter() {
		this(AzollaThreads.daemon("azolla-task-"));
	}

	/**
	 * Creates a limiter that runs each task on a new or idle thread of the given factory, for
	 * example a virtual thread factory.
	 * @param threadFactory makes the threads that run the tasks' code
	 */
	public TimeLimiter(ThreadFactory threadFactory) {
		this.threads = Executors.newCachedThreadPool(threadFactory);
	}

	/**
	 * Returns an attempt that runs the invoker under the limit of each task.
	 * @param invoker runs the task
	 * @param limits the execution limit of each task name, {@code null} for none; normally
	 * {@link TaskTimeouts#forTask}
	 * @return the limited attempt
	 */
	public TaskAttempt around(TaskInvoker invoker, Function<String, @Nullable Duration> limits) {
		return around(invoker, limits, List.of());
	}

	/**
	 * Returns an attempt that runs the invoker under the limit of each task, with the
	 * listeners' {@link TaskExecutionListener#taskRunning scopes} open on the thread that runs
	 * the task's code (an observation made current there reaches the task's logs).
	 * @param invoker runs the task
	 * @param limits the execution limit of each task name, {@code null} for none
	 * @param listeners whose scopes are opened around the task's code
	 * @return the limited attempt
	 */
	public TaskAttempt around(TaskInvoker invoker, Function<String, @Nullable Duration> limits,
			List<TaskExecutionListener> listeners) {
		List<TaskExecutionListener> scoped = List.copyOf(listeners);
		return (taskId, taskName, argsJson, kwargsJson) -> {
			Duration limit = limits.apply(taskName);
			Future<TaskResult> running = this.threads.submit(() -> {
				try (TaskExecutionListener.Scope scope = ListenerScopes.open(scoped, taskId, taskName)) {
					return invoker.invoke(taskId, taskName, argsJson, kwargsJson);
				}
			});
			try {
				return (limit != null) ? running.get(limit.toNanos(), TimeUnit.NANOSECONDS) : running.get();
			}
			catch (TimeoutException ex) {
				running.cancel(true);
				return invoker.outcomes().timedOut(taskId, taskName, limit);
			}
			catch (ExecutionException ex) {
				return invoker.outcomes().failure(taskId, ex.getCause());
			}
			catch (InterruptedException ex) {
				running.cancel(true);
				Thread.currentThread().interrupt();
				return invoker.outcomes().interrupted(taskId, taskName);
			}
		};
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

}
