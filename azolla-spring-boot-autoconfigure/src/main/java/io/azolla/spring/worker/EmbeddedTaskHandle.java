package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.azolla.spring.client.AzollaException;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskResult;
import io.azolla.spring.client.TaskWaitInterruptedException;
import io.azolla.spring.client.TaskWaitTimeoutException;

/**
 * A handle on a task of an {@link EmbeddedAzollaClient}. It looks the task up on every call,
 * so a handle made from an id behaves like one returned by a submission; waiting never
 * affects the task.
 */
final class EmbeddedTaskHandle implements TaskHandle {

	private final EmbeddedAzollaClient client;

	private final String id;

	private final String taskName;

	EmbeddedTaskHandle(EmbeddedAzollaClient client, String id, String taskName) {
		this.client = client;
		this.id = id;
		this.taskName = taskName;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String taskName() {
		return this.taskName;
	}

	@Override
	public TaskResult await() {
		return await(this.client.defaultWait());
	}

	@Override
	public TaskResult await(Duration timeout) {
		requireTimeout(timeout);
		CompletableFuture<TaskResult> task = task();
		try {
			return task.get(Math.min(timeout.toNanos(), Long.MAX_VALUE / 2), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new TaskWaitTimeoutException(this.taskName, this.id, timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TaskWaitInterruptedException(this.taskName, this.id, ex);
		}
		catch (ExecutionException ex) {
			throw unwrap(ex.getCause());
		}
	}

	/**
	 * Answers like the orchestrator's non-blocking check, which cannot tell an unknown task
	 * from an unfinished one: both give an empty result.
	 */
	@Override
	public Optional<TaskResult> tryResult() {
		Optional<CompletableFuture<TaskResult>> task = this.client.task(this.id);
		if (task.isEmpty() || !task.get().isDone()) {
			return Optional.empty();
		}
		try {
			return Optional.of(task.get().join());
		}
		catch (RuntimeException ex) {
			throw unwrap(ex);
		}
	}

	@Override
	public CompletableFuture<TaskResult> resultAsync() {
		return resultAsync(this.client.defaultWait());
	}

	@Override
	public CompletableFuture<TaskResult> resultAsync(Duration timeout) {
		requireTimeout(timeout);
		CompletableFuture<TaskResult> view = new CompletableFuture<>();
		Optional<CompletableFuture<TaskResult>> task = this.client.task(this.id);
		if (task.isEmpty()) {
			view.completeExceptionally(notFound());
			return view;
		}
		task.get().whenComplete((result, failure) -> {
			if (failure != null) {
				view.completeExceptionally(unwrap(failure));
			}
			else {
				view.complete(result);
			}
		});
		if (!view.isDone()) {
			// A separate timer future: completing it early cancels its scheduled timeout, and
			// cancelling the view stops only this wait, never the task or other waiters.
			CompletableFuture<Void> timer = new CompletableFuture<Void>()
				.orTimeout(Math.min(timeout.toNanos(), Long.MAX_VALUE / 2), TimeUnit.NANOSECONDS);
			timer.whenComplete((ignored, failure) -> {
				if (failure != null) {
					view.completeExceptionally(new TaskWaitTimeoutException(this.taskName, this.id, timeout));
				}
			});
			view.whenComplete((result, failure) -> timer.complete(null));
		}
		return view;
	}

	private CompletableFuture<TaskResult> task() {
		return this.client.task(this.id).orElseThrow(this::notFound);
	}

	private TaskNotFoundException notFound() {
		return new TaskNotFoundException(this.taskName, this.id, this.client.domain());
	}

	private AzollaException unwrap(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
				? failure.getCause() : failure;
		if (cause instanceof AzollaException azolla) {
			return azolla;
		}
		return new OrchestratorException("Embedded task " + this.id + " failed: " + cause, this.taskName, this.id, cause);
	}

	private static void requireTimeout(Duration timeout) {
		if (timeout == null || timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative (was " + timeout + ")");
		}
	}

}
