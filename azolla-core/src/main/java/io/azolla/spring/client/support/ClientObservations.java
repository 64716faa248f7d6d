package io.azolla.spring.client.support;

import java.util.Objects;
import java.util.function.Supplier;

import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.TaskHandle;

/**
 * Applies a {@link ClientObserver} to the calls of an {@link io.azolla.spring.client.AzollaClient}
 * implementation: submissions directly, waits through a handle that observes {@code await}
 * and {@code resultAsync}.
 */
public final class ClientObservations {

	private ClientObservations() {
	}

	/**
	 * Runs a submission as an observed call and returns its handle, observed too.
	 * @param observer the observer
	 * @param taskName the task name
	 * @param submission creates the task
	 * @return the observed handle
	 */
	public static TaskHandle submit(ClientObserver observer, String taskName, Supplier<TaskHandle> submission) {
		if (observer == ClientObserver.NONE) {
			return submission.get();
		}
		ClientObserver.Call call = observer.submitting(taskName);
		TaskHandle handle;
		try {
			handle = submission.get();
		}
		catch (RuntimeException | Error ex) {
			call.end(ClientObserver.Outcome.ERROR, ex);
			throw ex;
		}
		call.end(ClientObserver.Outcome.SUCCESS, null);
		return handle(observer, handle);
	}

	/**
	 * Returns a handle whose waits are observed.
	 * @param observer the observer
	 * @param handle the handle to observe
	 * @return the observed handle, or the handle itself when nothing observes
	 */
	public static TaskHandle handle(ClientObserver observer, TaskHandle handle) {
		Objects.requireNonNull(handle, "handle");
		return (observer == ClientObserver.NONE) ? handle : new ObservedTaskHandle(handle, observer);
	}

}
