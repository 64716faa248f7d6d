package io.azolla.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the tasks of one name from being dispatched until {@link #release()}, so a test can
 * look at the application while a task is pending. Tasks submitted or retried while the hold
 * is on wait in state {@link SubmittedTask.State#HELD}; releasing sends them to the shepherds
 * in their order. Created by {@link AzollaTestOrchestrator#hold(String)}.
 */
public final class TaskHold implements AutoCloseable {

	private final AzollaTestOrchestrator orchestrator;

	private final String taskName;

	private volatile boolean active = true;

	TaskHold(AzollaTestOrchestrator orchestrator, String taskName) {
		this.orchestrator = orchestrator;
		this.taskName = taskName;
	}

	/**
	 * Returns the name of the tasks held back.
	 * @return the task name
	 */
	public String taskName() {
		return this.taskName;
	}

	/**
	 * Returns the tasks held back now.
	 * @return the held tasks, in submission order
	 */
	public List<SubmittedTask> heldTasks() {
		return this.orchestrator.tasks((task) -> task.name().equals(this.taskName)
				&& task.state() == SubmittedTask.State.HELD);
	}

	/**
	 * Waits until at least the given number of tasks are held back.
	 * @param count how many held tasks to wait for
	 * @param timeout how long to wait
	 * @return the held tasks
	 * @throws AssertionError if fewer are held when the time is up
	 */
	public List<SubmittedTask> awaitHeld(int count, Duration timeout) {
		return this.orchestrator.awaitCondition(() -> {
			List<SubmittedTask> held = heldTasks();
			return (held.size() >= count) ? Optional.of(held) : Optional.empty();
		}, timeout).orElseThrow(() -> new AssertionError("Expected " + count + " task(s) '" + this.taskName
				+ "' to be held within " + timeout + " but " + heldTasks().size() + " were; all tasks: "
				+ this.orchestrator.describeTasks()));
	}

	/**
	 * Lets the held tasks, and any later ones, go to the shepherds.
	 */
	public void release() {
		if (this.active) {
			this.active = false;
			this.orchestrator.state().release(this);
		}
	}

	/**
	 * Returns whether the hold is still on.
	 * @return {@code false} once released or forgotten by a reset
	 */
	public boolean isActive() {
		return this.active;
	}

	/**
	 * Same as {@link #release()}, for try-with-resources.
	 */
	@Override
	public void close() {
		release();
	}

	void forget() {
		this.active = false;
	}

}
