package io.azolla.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.RetryPolicyProtos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static io.azolla.spring.test.AzollaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The assertions pass on matching tasks and fail with a message that says what differed.
 */
class AzollaAssertionsTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final RetryPolicy POLICY = RetryPolicy.fixed(Duration.ofMillis(5)).maxAttempts(3).build();

	private static AzollaTestOrchestrator empty;

	@BeforeAll
	static void start() {
		empty = AzollaTestOrchestrator.start();
	}

	@AfterAll
	static void stop() {
		empty.close();
	}

	@Test
	void aMatchingTaskPassesEveryAssertion() {
		assertThatNoException().isThrownBy(() -> assertThat(succeeded()).withArgs("Ada", 36)
			.withArgsJson("[\"Ada\", 36]")
			.withKwargs(Map.of("lang", "fr", "formal", true))
			.withRetryPolicy(POLICY)
			.withMaxAttempts(3)
			.inShepherdGroup("mail")
			.madeAttempts(2)
			.succeededWith(Map.of("b", 1, "a", List.of(1L, 2.5))));
		assertThatNoException().isThrownBy(() -> assertThat(failed()).failedWith("Boom").withErrorMessage("it broke"));
	}

	@Test
	void wrongArgumentsAreReportedWithBothValues() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).withArgs("Bob", 36))
			.withMessageContaining("[\"Bob\",36]")
			.withMessageContaining("[\"Ada\",36]");
	}

	@Test
	void wrongKwargsAreReported() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(succeeded()).withKwargs(Map.of("lang", "de")))
			.withMessageContaining("{\"lang\":\"de\"}");
	}

	@Test
	void aDifferentPolicyIsReported() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(succeeded()).withRetryPolicy(RetryPolicy.defaults()))
			.withMessageContaining("retry policy");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).withMaxAttempts(5))
			.withMessageContaining("at most 5 attempts");
	}

	@Test
	void aWrongGroupOrAttemptCountIsReported() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).inShepherdGroup("gpu"))
			.withMessageContaining("'gpu'")
			.withMessageContaining("'mail'");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).withoutShepherdGroup())
			.withMessageContaining("'mail'");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).madeAttempts(1))
			.withMessageContaining("made 2");
	}

	@Test
	void aWrongOutcomeIsReported() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).succeededWith(7))
			.withMessageContaining("succeeded with {\"a\":[1,2.5],\"b\":1}");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(succeeded()).failedWith("Boom"))
			.withMessageContaining("to be FAILED");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(failed()).failedWith("Other"))
			.withMessageContaining("failed with Boom: it broke");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(failed()).isUnfinished())
			.withMessageContaining("unfinished");
	}

	@Test
	void theOrchestratorAssertionsReportWhatWasSubmitted() {
		assertThatNoException().isThrownBy(() -> assertThat(empty).hasNoTasks().hasNotSubmitted("x"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(empty).hasSubmitted("send_email"))
			.withMessageContaining("Expected exactly one task 'send_email' to be submitted but found 0; all tasks: no tasks");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(empty).hasShepherdConnectedInGroup("default"))
			.withMessageContaining("group 'default'");
	}

	@Test
	void awaitingWhatNeverHappensFailsWithTheStateSeen() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> empty.awaitSubmitted("never", Duration.ofMillis(50)))
			.withMessageContaining("'never'")
			.withMessageContaining("no tasks");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> empty.awaitFinished("0f8fad5b-d9cb-469f-a165-70867728950e", Duration.ofMillis(50)))
			.withMessageContaining("it is unknown");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> empty.awaitShepherd(Duration.ofMillis(50)))
			.withMessageContaining("Expected a shepherd to connect");
	}

	private static SubmittedTask succeeded() {
		String id = "0f8fad5b-d9cb-469f-a165-70867728950e";
		return new SubmittedTask(id, "send_email", "default", "[\"Ada\",36]", "{\"formal\":true,\"lang\":\"fr\"}",
				Optional.of(RetryPolicyProtos.toProto(POLICY)), Optional.of("mail"), SubmittedTask.State.SUCCEEDED,
				List.of(new SubmittedTask.Attempt(1, Optional.empty(), Optional.of("Busy"), true),
						new SubmittedTask.Attempt(2, Optional.of("shepherd"), Optional.empty(), true)),
				Optional.of(TaskResult.success(id, mapper.readTree("{\"b\":1,\"a\":[1,2.5]}"), mapper)));
	}

	private static SubmittedTask failed() {
		String id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
		return new SubmittedTask(id, "charge", "default", "[]", "{}", Optional.empty(), Optional.empty(),
				SubmittedTask.State.FAILED, List.of(new SubmittedTask.Attempt(1, Optional.of("s"), Optional.of("Boom"), true)),
				Optional.of(TaskResult.failure(id,
						new TaskFailure("Boom", "it broke", JsonNodeFactory.instance.objectNode(), false), mapper)));
	}

}
