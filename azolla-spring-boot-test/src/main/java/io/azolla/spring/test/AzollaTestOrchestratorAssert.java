package io.azolla.spring.test;

import java.util.List;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the tasks an {@link AzollaTestOrchestrator} received, as they are at the
 * moment of the assertion; await first ({@link AzollaTestOrchestrator#awaitSubmitted}) when
 * the submission happens on another thread.
 */
public class AzollaTestOrchestratorAssert extends AbstractAssert<AzollaTestOrchestratorAssert, AzollaTestOrchestrator> {

	/**
	 * Creates assertions on a stand-in.
	 * @param actual the stand-in
	 */
	public AzollaTestOrchestratorAssert(AzollaTestOrchestrator actual) {
		super(actual, AzollaTestOrchestratorAssert.class);
	}

	/**
	 * Verifies that exactly one task of the given name was submitted and continues with it.
	 * @param taskName the task name
	 * @return assertions on that task
	 */
	public SubmittedTaskAssert hasSubmitted(String taskName) {
		isNotNull();
		List<SubmittedTask> tasks = this.actual.tasks(taskName);
		if (tasks.size() != 1) {
			failWithMessage("Expected exactly one task '%s' to be submitted but found %d; all tasks: %s", taskName,
					tasks.size(), this.actual.describeTasks());
		}
		return new SubmittedTaskAssert(tasks.get(0));
	}

	/**
	 * Verifies how many tasks of the given name were submitted.
	 * @param taskName the task name
	 * @param count the expected number
	 * @return this
	 */
	public AzollaTestOrchestratorAssert hasSubmitted(String taskName, int count) {
		isNotNull();
		int actualCount = this.actual.tasks(taskName).size();
		if (actualCount != count) {
			failWithMessage("Expected %d task(s) '%s' to be submitted but found %d; all tasks: %s", count, taskName,
					actualCount, this.actual.describeTasks());
		}
		return this;
	}

	/**
	 * Verifies that no task of the given name was submitted.
	 * @param taskName the task name
	 * @return this
	 */
	public AzollaTestOrchestratorAssert hasNotSubmitted(String taskName) {
		return hasSubmitted(taskName, 0);
	}

	/**
	 * Verifies that no task at all was submitted.
	 * @return this
	 */
	public AzollaTestOrchestratorAssert hasNoTasks() {
		isNotNull();
		if (!this.actual.tasks().isEmpty()) {
			failWithMessage("Expected no task to be submitted but found %s", this.actual.describeTasks());
		}
		return this;
	}

	/**
	 * Verifies that a shepherd of the given group is connected now.
	 * @param group the shepherd group
	 * @return this
	 */
	public AzollaTestOrchestratorAssert hasShepherdConnectedInGroup(String group) {
		isNotNull();
		boolean connected = this.actual.shepherds()
			.stream()
			.anyMatch((shepherd) -> shepherd.connected() && shepherd.group().equals(group));
		if (!connected) {
			failWithMessage("Expected a shepherd of group '%s' to be connected but the shepherds are %s", group,
					this.actual.shepherds());
		}
		return this;
	}

}
