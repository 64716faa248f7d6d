package io.azolla.spring.client;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Told about the calls an {@link AzollaClient} makes, so that metrics and traces can be
 * recorded without the client depending on a metrics library. Implementations must be
 * thread-safe and quick, and must never see arguments or results: only task names and
 * outcomes are passed.
 * <p>
 * The default methods observe nothing; {@link #NONE} is the observer of a client that was
 * given none.
 */
public interface ClientObserver {

	/** An observer that records nothing. */
	ClientObserver NONE = new ClientObserver() {
	};

	/**
	 * Called before a task is created. The returned call is ended exactly once, on the calling
	 * thread, so an implementation may make itself current (for example a tracing scope) until
	 * then.
	 * @param taskName the task name
	 * @return the call to end when the task was created or creation failed
	 */
	default Call submitting(String taskName) {
		return Call.NONE;
	}

	/**
	 * Called when a wait for a task's result begins. The returned call is ended exactly once,
	 * possibly on another thread (waits are asynchronous).
	 * @param taskName the task name, or {@code null} for a handle made from a task id only
	 * @return the call to end when the wait is over
	 */
	default Call waiting(@Nullable String taskName) {
		return Call.NONE;
	}

	/**
	 * Returns an observer that tells each of the given ones, in order.
	 * @param observers the observers
	 * @return a single observer; {@link #NONE} when the list is empty
	 */
	static ClientObserver composite(List<? extends ClientObserver> observers) {
		List<ClientObserver> all = List.copyOf(observers);
		if (all.isEmpty()) {
			return NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return new ClientObserver() {

			@Override
			public Call submitting(String taskName) {
				List<Call> calls = all.stream().map((observer) -> observer.submitting(taskName)).toList();
				return (outcome, error) -> calls.forEach((call) -> call.end(outcome, error));
			}

			@Override
			public Call waiting(@Nullable String taskName) {
				List<Call> calls = all.stream().map((observer) -> observer.waiting(taskName)).toList();
				return (outcome, error) -> calls.forEach((call) -> call.end(outcome, error));
			}

		};
	}

	/**
	 * How an observed call ended.
	 */
	enum Outcome {

		/** The task was created, or the wait returned a successful result. */
		SUCCESS,

		/** The wait returned the task's error result. */
		FAILURE,

		/** The wait ended at its time limit without a result. */
		TIMEOUT,

		/** The call failed: the orchestrator refused it, could not be reached, or the wait was cancelled. */
		ERROR;

		/**
		 * Returns the value used as a metric tag.
		 * @return the lower-case name
		 */
		public String tagValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One observed call.
	 */
	@FunctionalInterface
	interface Call {

		/** A call that records nothing. */
		Call NONE = (outcome, error) -> {
		};

		/**
		 * Ends the call.
		 * @param outcome how it ended
		 * @param error the exception it ended with, or {@code null}
		 */
		void end(Outcome outcome, @Nullable Throwable error);

	}

}
