package io.azolla.spring.client;

import java.util.Optional;

import io.azolla.spring.retry.RetryPolicy;

/**
 * Supplies the retry policy and shepherd group a task gets when a submission sets none.
 */
public interface TaskDefaults {

	/**
	 * Returns the retry policy for a task.
	 * @param taskName the task name
	 * @return the policy sent with the task
	 */
	RetryPolicy retryPolicy(String taskName);

	/**
	 * Returns the shepherd group for a task.
	 * @param taskName the task name
	 * @return the group, or empty to let the orchestrator pick its default group
	 */
	Optional<String> shepherdGroup(String taskName);

	/**
	 * Returns the kind of worker known to execute a task, which decides whether a submission
	 * may carry positional and named arguments together (see {@link io.azolla.spring.client.support.MixedArguments}).
	 * @param taskName the task name
	 * @return the runtime, or empty when it is not configured
	 */
	default Optional<WorkerRuntime> workerRuntime(String taskName) {
		return Optional.empty();
	}

	/**
	 * Returns defaults that use one policy for every task and no group.
	 * @param policy the policy
	 * @return the defaults
	 */
	static TaskDefaults of(RetryPolicy policy) {
		return new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return policy;
			}

			@Override
			public Optional<String> shepherdGroup(String taskName) {
				return Optional.empty();
			}

		};
	}

}
