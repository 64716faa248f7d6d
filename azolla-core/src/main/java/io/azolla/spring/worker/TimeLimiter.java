package io.azolla.spring.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskInvoker;
import org.jspecify.annotations.Nullable;

/**
 * Runs task attempts on their own threads and stops them at their execution limit: the task's
 * thread is interrupted and a {@code TaskTimeoutError} is reported instead of the result that
 * may still come. Used where a worker runs few tasks at a time (invocation and embedded mode);
 * the limit is enforced exactly as in the {@link TaskExecutionEngine} of a shepherd
 * ({@link TimeLimits}, {@link AttemptThread}).
 */
public final class TimeLimiter implements AutoCloseable {

	private final ExecutorService threads;

	private final TimeLimits timeLimits = new TimeLimits("azolla-task-timer-");

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
			AttemptThread attempt = new AttemptThread();
			CompletableFuture<TaskResult> decided = new CompletableFuture<>();
			this.threads.execute(() -> {
				if (!attempt.attach()) {
					return;
				}
				try (TaskExecutionListener.Scope scope = Listeners.openScopes(scoped, taskId,
						Listeners.reportedName(invoker.registry(), taskName))) {
					TaskResult result = invoker.invoke(taskId, taskName, argsJson, kwargsJson);
					if (attempt.decide()) {
						decided.complete(result);
					}
				}
				catch (RuntimeException | Error ex) {
					if (attempt.decide()) {
						decided.complete(invoker.outcomes().failure(taskId, ex));
					}
					if (ex instanceof VirtualMachineError fatal) {
						throw fatal;
					}
				}
				finally {
					attempt.detach();
				}
			});
			Duration limit = limits.apply(taskName);
			@Nullable ScheduledFuture<?> expiry = this.timeLimits.after(limit, () -> {
				if (attempt.decide()) {
					decided.complete(invoker.outcomes().timedOut(taskId, taskName, limit));
					attempt.interrupt();
				}
			});
			try {
				return decided.get();
			}
			catch (InterruptedException ex) {
				if (attempt.decide()) {
					decided.complete(invoker.outcomes().interrupted(taskId, taskName));
					attempt.interrupt();
				}
				Thread.currentThread().interrupt();
				// Decided by now, or about to be by whoever claimed the decision.
				return decided.join();
			}
			catch (ExecutionException ex) {
				// Never completed exceptionally.
				throw new IllegalStateException(ex.getCause());
			}
			finally {
				if (expiry != null) {
					expiry.cancel(false);
				}
			}
		};
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
		this.timeLimits.shutdown();
	}

}
