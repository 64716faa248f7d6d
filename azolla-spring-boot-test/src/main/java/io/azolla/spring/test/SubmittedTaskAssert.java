package io.azolla.spring.test;

import java.util.Arrays;
import java.util.Map;

import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.RetryPolicyProtos;
import org.assertj.core.api.AbstractAssert;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on one {@link SubmittedTask}: its request (arguments, policy, group), its
 * attempts and its result. Values are compared as JSON after the orchestrator's normalisation,
 * so {@code 25} equals {@code 25L} and object keys may come in any order.
 */
public class SubmittedTaskAssert extends AbstractAssert<SubmittedTaskAssert, SubmittedTask> {

	/**
	 * Creates assertions on a task.
	 * @param actual the task
	 */
	public SubmittedTaskAssert(SubmittedTask actual) {
		super(actual, SubmittedTaskAssert.class);
	}

	/**
	 * Verifies the positional arguments.
	 * @param args the expected arguments, converted to JSON with Jackson
	 * @return this
	 */
	public SubmittedTaskAssert withArgs(Object... args) {
		return withArgsJson(OrchestratorValues.mapper().writeValueAsString(Arrays.asList(args)));
	}

	/**
	 * Verifies the positional arguments as JSON text.
	 * @param json the expected JSON array, compared as JSON
	 * @return this
	 */
	public SubmittedTaskAssert withArgsJson(String json) {
		isNotNull();
		JsonNode expected = OrchestratorValues.parseLenient(json);
		if (!expected.equals(this.actual.argsAsJson())) {
			failWithMessage("Expected task '%s' (%s) to be submitted with args %s but its args were %s",
					this.actual.name(), this.actual.id(), json, this.actual.args());
		}
		return this;
	}

	/**
	 * Verifies the named arguments.
	 * @param kwargs the expected named arguments
	 * @return this
	 */
	public SubmittedTaskAssert withKwargs(Map<String, ?> kwargs) {
		isNotNull();
		JsonNode expected = OrchestratorValues.canonical(OrchestratorValues.mapper().valueToTree(kwargs));
		if (!expected.equals(OrchestratorValues.parseLenient(this.actual.kwargs()))) {
			failWithMessage("Expected task '%s' (%s) to be submitted with kwargs %s but its kwargs were %s",
					this.actual.name(), this.actual.id(), OrchestratorValues.compact(expected), this.actual.kwargs());
		}
		return this;
	}

	/**
	 * Verifies that the request carried exactly this retry policy.
	 * @param policy the expected policy
	 * @return this
	 */
	public SubmittedTaskAssert withRetryPolicy(RetryPolicy policy) {
		isNotNull();
		io.azolla.proto.common.RetryPolicy expected = RetryPolicyProtos.toProto(policy);
		if (!this.actual.retryPolicy().filter(expected::equals).isPresent()) {
			failWithMessage("Expected task '%s' (%s) to be submitted with retry policy%n  %s%nbut it had%n  %s",
					this.actual.name(), this.actual.id(), oneLine(expected),
					this.actual.retryPolicy().map(SubmittedTaskAssert::oneLine).orElse("no policy"));
		}
		return this;
	}

	/**
	 * Verifies the maximum number of attempts in the request's retry policy.
	 * @param maxAttempts the expected maximum
	 * @return this
	 */
	public SubmittedTaskAssert withMaxAttempts(int maxAttempts) {
		isNotNull();
		boolean matches = this.actual.retryPolicy()
			.filter((policy) -> policy.hasStop() && policy.getStop().hasMaxAttempts()
					&& policy.getStop().getMaxAttempts() == maxAttempts)
			.isPresent();
		if (!matches) {
			failWithMessage("Expected task '%s' (%s) to be submitted with at most %d attempts but its policy was %s",
					this.actual.name(), this.actual.id(), maxAttempts,
					this.actual.retryPolicy().map(SubmittedTaskAssert::oneLine).orElse("absent"));
		}
		return this;
	}

	/**
	 * Verifies the shepherd group named in the request.
	 * @param group the expected group
	 * @return this
	 */
	public SubmittedTaskAssert inShepherdGroup(String group) {
		isNotNull();
		if (!this.actual.shepherdGroup().filter(group::equals).isPresent()) {
			failWithMessage("Expected task '%s' (%s) to be submitted to shepherd group '%s' but it named %s",
					this.actual.name(), this.actual.id(), group,
					this.actual.shepherdGroup().map((named) -> "'" + named + "'").orElse("no group"));
		}
		return this;
	}

	/**
	 * Verifies that the request named no shepherd group (the orchestrator's default applies).
	 * @return this
	 */
	public SubmittedTaskAssert withoutShepherdGroup() {
		isNotNull();
		if (this.actual.shepherdGroup().isPresent()) {
			failWithMessage("Expected task '%s' (%s) to name no shepherd group but it named '%s'", this.actual.name(),
					this.actual.id(), this.actual.shepherdGroup().get());
		}
		return this;
	}

	/**
	 * Verifies the number of attempts made so far.
	 * @param attempts the expected number
	 * @return this
	 */
	public SubmittedTaskAssert madeAttempts(int attempts) {
		isNotNull();
		if (this.actual.attemptCount() != attempts) {
			failWithMessage("Expected task '%s' (%s) to have made %d attempt(s) but it made %d (%s)", this.actual.name(),
					this.actual.id(), attempts, this.actual.attemptCount(), this.actual.attempts());
		}
		return this;
	}

	/**
	 * Verifies the task's state.
	 * @param state the expected state
	 * @return this
	 */
	public SubmittedTaskAssert isIn(SubmittedTask.State state) {
		isNotNull();
		if (this.actual.state() != state) {
			failWithMessage("Expected task '%s' (%s) to be %s but it is %s", this.actual.name(), this.actual.id(), state,
					AzollaTestOrchestrator.describe(this.actual));
		}
		return this;
	}

	/**
	 * Verifies that the task finished with a value.
	 * @return this
	 */
	public SubmittedTaskAssert succeeded() {
		return isIn(SubmittedTask.State.SUCCEEDED);
	}

	/**
	 * Verifies that the task finished with the given value, compared as normalised JSON.
	 * @param expected the expected value, converted to JSON with Jackson
	 * @return this
	 */
	public SubmittedTaskAssert succeededWith(Object expected) {
		succeeded();
		JsonNode expectedJson = OrchestratorValues.canonical(OrchestratorValues.mapper().valueToTree(expected));
		JsonNode actualJson = OrchestratorValues.canonical(this.actual.result().orElseThrow().value());
		if (!expectedJson.equals(actualJson)) {
			failWithMessage("Expected task '%s' (%s) to succeed with %s but it succeeded with %s", this.actual.name(),
					this.actual.id(), expectedJson, actualJson);
		}
		return this;
	}

	/**
	 * Verifies that the task failed for good with the given error type.
	 * @param errorType the expected error type
	 * @return this
	 */
	public SubmittedTaskAssert failedWith(String errorType) {
		isIn(SubmittedTask.State.FAILED);
		TaskFailure failure = failure();
		if (!failure.type().equals(errorType)) {
			failWithMessage("Expected task '%s' (%s) to fail with %s but it failed with %s: %s", this.actual.name(),
					this.actual.id(), errorType, failure.type(), failure.message());
		}
		return this;
	}

	/**
	 * Verifies the message of the final error.
	 * @param message the expected message
	 * @return this
	 */
	public SubmittedTaskAssert withErrorMessage(String message) {
		isIn(SubmittedTask.State.FAILED);
		if (!failure().message().equals(message)) {
			failWithMessage("Expected task '%s' (%s) to fail with message '%s' but the message was '%s'",
					this.actual.name(), this.actual.id(), message, failure().message());
		}
		return this;
	}

	/**
	 * Verifies that the task has not finished yet.
	 * @return this
	 */
	public SubmittedTaskAssert isUnfinished() {
		isNotNull();
		if (this.actual.isFinished()) {
			failWithMessage("Expected task '%s' (%s) to be unfinished but it is %s", this.actual.name(), this.actual.id(),
					AzollaTestOrchestrator.describe(this.actual));
		}
		return this;
	}

	private TaskFailure failure() {
		TaskResult result = this.actual.result().orElseThrow();
		return result.failure().orElseThrow();
	}

	private static String oneLine(io.azolla.proto.common.RetryPolicy policy) {
		return policy.toString().replaceAll("\\s*\\n\\s*", " ").trim();
	}

}
