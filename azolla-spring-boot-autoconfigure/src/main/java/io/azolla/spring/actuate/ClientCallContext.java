package io.azolla.spring.actuate;

import io.azolla.spring.client.ClientObserver;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of a client call knows: the task name and, once the call ended, its
 * outcome. Its two kinds, {@link TaskSubmitContext} and {@link TaskWaitContext}, let a
 * convention tell submissions from waits.
 */
public abstract class ClientCallContext extends Observation.Context {

	private static final String UNKNOWN_TASK = "unknown";

	private final String taskName;

	private volatile ClientObserver.@Nullable Outcome outcome;

	/**
	 * Creates the context of one call.
	 * @param taskName the task name, {@code null} when the caller did not know it
	 */
	protected ClientCallContext(@Nullable String taskName) {
		this.taskName = (taskName != null) ? taskName : UNKNOWN_TASK;
	}

	/**
	 * Returns the task name, {@code unknown} when the caller did not know it.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * Returns how the call ended, {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public ClientObserver.@Nullable Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(ClientObserver.Outcome outcome) {
		this.outcome = outcome;
	}

}
