package io.azolla.spring.client.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TaskHandle} that reports each wait to a {@link ClientObserver}. {@link #tryResult()}
 * is a single look, not a wait, and is not observed.
 */
final class ObservedTaskHandle implements TaskHandle {

	private final TaskHandle delegate;

	private final ClientObserver observer;

	ObservedTaskHandle(TaskHandle delegate, ClientObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public String id() {
		return this.delegate.id();
	}

	@Override
	public @Nullable String taskName() {
		return this.delegate.taskName();
	}

	@Override
	public TaskResult await() {
		return observeBlocking(this.observer.waiting(taskName()), this.delegate::await);
	}

	@Override
	public TaskResult await(Duration timeout) {
		return observeBlocking(this.observer.waiting(taskName()), () -> this.delegate.await(timeout));
	}

	@Override
	public Optional<TaskResult> tryResult() {
		return this.delegate.tryResult();
	}

	@Override
	public CompletableFuture<TaskResult> resultAsync() {
		return observe(this.observer.waiting(taskName()), this.delegate::resultAsync);
	}

	@Override
	public CompletableFuture<TaskResult> resultAsync(Duration timeout) {
		return observe(this.observer.waiting(taskName()), () -> this.delegate.resultAsync(timeout));
	}

	/**
	 * Observes a blocking wait. It wraps the delegate's own wait rather than the asynchronous
	 * one, so the observer sees exactly what the caller gets, interruptions included.
	 */
	private static TaskResult observeBlocking(ClientObserver.Call call, Supplier<TaskResult> wait) {
		try {
			TaskResult result = wait.get();
			call.end(outcome(result), null);
			return result;
		}
		catch (RuntimeException | Error ex) {
			call.end(outcome(ex), ex);
			throw ex;
		}
	}

	private static CompletableFuture<TaskResult> observe(ClientObserver.Call call,
			Supplier<CompletableFuture<TaskResult>> wait) {
		CompletableFuture<TaskResult> future;
		try {
			future = wait.get();
		}
		catch (RuntimeException ex) {
			call.end(ClientObserver.Outcome.ERROR, ex);
			throw ex;
		}
		// Observed on the side so the caller keeps the original future, whose cancel() still
		// cancels the underlying wait.
		future.whenComplete((result, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				call.end(outcome(cause), cause);
			}
			else {
				call.end(outcome(result), null);
			}
		});
		return future;
	}

	private static ClientObserver.Outcome outcome(TaskResult result) {
		return result.isSuccess() ? ClientObserver.Outcome.SUCCESS : ClientObserver.Outcome.FAILURE;
	}

	private static ClientObserver.Outcome outcome(Throwable error) {
		return (error instanceof TaskWaitTimeoutException) ? ClientObserver.Outcome.TIMEOUT
				: ClientObserver.Outcome.ERROR;
	}

}
