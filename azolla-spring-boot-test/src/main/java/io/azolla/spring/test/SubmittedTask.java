package io.azolla.spring.test;

import java.util.List;
import java.util.Optional;

import io.azolla.proto.common.RetryPolicy;
import io.azolla.spring.model.TaskResult;
import tools.jackson.databind.JsonNode;

/**
 * What the {@link AzollaTestOrchestrator} knows about one task at the moment it was asked: the
 * request as the orchestrator received it, the attempts made so far and the final result. An
 * immutable snapshot; ask the orchestrator again for a newer one.
 *
 * @param id the task id the orchestrator assigned
 * @param name the task name
 * @param domain the domain it was created in
 * @param args the positional arguments, the JSON text exactly as the client sent it
 * @param kwargs the named arguments as the orchestrator forwards them (compact JSON, keys sorted)
 * @param retryPolicy the retry policy in the request, empty when the client sent none
 * @param shepherdGroup the shepherd group in the request, empty when the client sent none
 * @param state where the task is now
 * @param attempts every attempt so far, oldest first
 * @param result the final result, as a client receives it, once the task finished
 */
public record SubmittedTask(String id, String name, String domain, String args, String kwargs,
		Optional<RetryPolicy> retryPolicy, Optional<String> shepherdGroup, State state, List<Attempt> attempts,
		Optional<TaskResult> result) {

	/**
	 * Creates a snapshot.
	 */
	public SubmittedTask {
		attempts = List.copyOf(attempts);
	}

	/**
	 * Returns the positional arguments as a JSON tree.
	 * @return the arguments, or a JSON string holding the text when it is not valid JSON
	 */
	public JsonNode argsAsJson() {
		return OrchestratorValues.parseLenient(this.args);
	}

	/**
	 * Returns the number of attempts made so far, injected failures included.
	 * @return the attempt count
	 */
	public int attemptCount() {
		return this.attempts.size();
	}

	/**
	 * Returns whether the task reached a final result.
	 * @return whether it succeeded or failed for good
	 */
	public boolean isFinished() {
		return this.state == State.SUCCEEDED || this.state == State.FAILED;
	}

	/**
	 * Where a task is in its life.
	 */
	public enum State {

		/** Waiting for a shepherd of its domain and group with a free slot. */
		QUEUED,

		/** Kept back by a {@link TaskHold}. */
		HELD,

		/** Sent to a shepherd, no result yet. */
		RUNNING,

		/** The last attempt failed and the next one waits for the policy's delay. */
		WAITING_FOR_RETRY,

		/** Finished with a value. */
		SUCCEEDED,

		/** Finished with the last attempt's error. */
		FAILED

	}

	/**
	 * One attempt of a task.
	 *
	 * @param number the attempt number, 1 for the first
	 * @param shepherd the uuid of the shepherd it was sent to; empty for a failure the test
	 * injected with {@link AzollaTestOrchestrator#failAttempts}
	 * @param errorType the error type it failed with; empty while running or when it succeeded
	 * @param finished whether its result has arrived
	 */
	public record Attempt(int number, Optional<String> shepherd, Optional<String> errorType, boolean finished) {

		/**
		 * Returns whether the test injected this attempt's failure instead of running it.
		 * @return whether it was injected
		 */
		public boolean injected() {
			return this.shepherd.isEmpty();
		}

	}

}
