package io.azolla.spring.task;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.azolla.proto.common.TaskResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs one task execution and always produces exactly one wire {@link TaskResult}: the single
 * entry point for workers.
 * <p>
 * Task-level problems never escape as exceptions: an unknown name, arguments that do not bind,
 * an exception or {@link Error} thrown by the task all become error results (see
 * {@link TaskOutcomes}). Only {@link VirtualMachineError}s such as {@link OutOfMemoryError}
 * propagate, because the JVM cannot be trusted to go on after them.
 * <p>
 * Interruption: when the task throws {@link InterruptedException} (or is interrupted while its
 * returned future is awaited), the result is a retryable {@code TaskInterruptedError} and the
 * thread's interrupt flag is set again, so the worker that interrupted it, for a time limit or
 * shutdown, can see that and report its own, more specific result instead.
 * <p>
 * Nothing here logs arguments or results; task failures other than {@link TaskException}s are
 * logged at WARN with their stack trace, the rest at DEBUG.
 */
public class TaskInvoker {

	private static final Log logger = LogFactory.getLog(TaskInvoker.class);

	private final TaskRegistry registry;

	private final ArgumentBinder binder;

	private final TaskOutcomes outcomes;

	/**
	 * Creates an invoker that binds and encodes with the given mapper.
	 * @param registry the registered tasks
	 * @param mapper the application's JSON mapper
	 */
	public TaskInvoker(TaskRegistry registry, ObjectMapper mapper) {
		this(registry, new ArgumentBinder(mapper), new TaskOutcomes(mapper));
	}

	private TaskInvoker(TaskRegistry registry, ArgumentBinder binder, TaskOutcomes outcomes) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.binder = Objects.requireNonNull(binder, "binder");
		this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
	}

	/**
	 * Runs a task.
	 * @param taskId the task id the orchestrator assigned
	 * @param taskName the task name
	 * @param argsJson the {@code args} JSON text as received
	 * @param kwargsJson the {@code kwargs} JSON text as received
	 * @return the result to report
	 */
	public TaskResult invoke(String taskId, String taskName, String argsJson, String kwargsJson) {
		Optional<TaskDefinition> definition = this.registry.find(taskName);
		if (definition.isEmpty()) {
			logger.debug("No task registered under the name '" + taskName + "' (task " + taskId + ")");
			return this.outcomes.taskNotFound(taskId, taskName);
		}
		long start = System.nanoTime();
		TaskResult result = run(definition.get(), new TaskContext(taskId, taskName), argsJson, kwargsJson);
		if (logger.isDebugEnabled()) {
			logger.debug("Task '" + taskName + "' (" + taskId + ") finished in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms: "
					+ (result.hasSuccess() ? "success" : result.getError().getType()));
		}
		return result;
	}

	/**
	 * Returns the outcomes encoder, for results the worker makes itself such as timeouts.
	 * @return the encoder
	 */
	public TaskOutcomes outcomes() {
		return this.outcomes;
	}

	/**
	 * Returns the registry tasks are looked up in.
	 * @return the registry
	 */
	public TaskRegistry registry() {
		return this.registry;
	}

	private TaskResult run(TaskDefinition definition, TaskContext context, String argsJson, String kwargsJson) {
		try {
			TaskArguments arguments = this.binder.parse(argsJson, kwargsJson, context);
			Object value = await(definition.execute(this.binder, arguments));
			return this.outcomes.success(context.taskId(), value);
		}
		catch (TaskArgumentException ex) {
			return this.outcomes.invalidArguments(context.taskId(), context.taskName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.outcomes.interrupted(context.taskId(), context.taskName());
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			logFailure(context, ex);
			return this.outcomes.failure(context.taskId(), ex);
		}
	}

	private static @Nullable Object await(@Nullable Object value) throws Throwable {
		if (value instanceof CompletionStage<?> stage) {
			return get(stage.toCompletableFuture());
		}
		if (value instanceof Future<?> future) {
			return get(future);
		}
		return value;
	}

	private static @Nullable Object get(Future<?> future) throws Throwable {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw unwrap(ex);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof ExecutionException || current instanceof CompletionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static void logFailure(TaskContext context, Throwable failure) {
		String text = "Task '" + context.taskName() + "' (" + context.taskId() + ") failed with "
				+ failure.getClass().getSimpleName();
		if (failure instanceof TaskException) {
			logger.debug(text, failure);
		}
		else {
			logger.warn(text, failure);
		}
	}

}
