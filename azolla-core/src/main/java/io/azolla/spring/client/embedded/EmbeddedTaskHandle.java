package io.azolla.spring.client.embedded;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.support.AbstractTaskHandle;
import io.azolla.spring.model.AzollaException;
import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;

/**
 * A handle on a task of an {@link EmbeddedAzollaClient}. It looks the task up on every call,
 * so a handle made from an id behaves like one returned by a submission; waiting never
 * affects the task.
 */
final class EmbeddedTaskHandle extends AbstractTaskHandle {

	private final EmbeddedAzollaClient client;

	EmbeddedTaskHandle(EmbeddedAzollaClient client, String id, @Nullable String taskName) {
		super(id, taskName);
		this.client = client;
	}

	@Override
	protected Duration defaultWait() {
		return this.client.defaultWait();
	}

	/**
	 * Answers like the orchestrator's non-blocking check, which cannot tell an unknown task
	 * from an unfinished one: both give an empty result.
	 */
	@Override
	public Optional<TaskResult> tryResult() {
		Optional<CompletableFuture<TaskResult>> task = this.client.task(id());
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
	public CompletableFuture<TaskResult> resultAsync(Duration timeout) {
		Duration wait = requireTimeout(timeout);
		CompletableFuture<TaskResult> view = new CompletableFuture<>();
		Optional<CompletableFuture<TaskResult>> task = this.client.task(id());
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
				.orTimeout(wait.toNanos(), TimeUnit.NANOSECONDS);
			timer.whenComplete((ignored, failure) -> {
				if (failure != null) {
					view.completeExceptionally(new TaskWaitTimeoutException(taskName(), id(), wait));
				}
			});
			view.whenComplete((result, failure) -> timer.complete(null));
		}
		return view;
	}

	private TaskNotFoundException notFound() {
		return new TaskNotFoundException(taskName(), id(), this.client.domain());
	}

	private AzollaException unwrap(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
				? failure.getCause() : failure;
		if (cause instanceof AzollaException azolla) {
			return azolla;
		}
		return new OrchestratorException("Embedded task " + id() + " failed: " + cause, taskName(), id(), cause);
	}

}
