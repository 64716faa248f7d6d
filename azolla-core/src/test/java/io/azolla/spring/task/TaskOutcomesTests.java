package io.azolla.spring.task;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.TaskResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TaskOutcomes}.
 */
class TaskOutcomesTests {

	private static final String ID = "6f1c2a9e-0000-4000-8000-000000000002";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final TaskOutcomes outcomes = new TaskOutcomes(this.mapper);

	record Greeting(String text, int count) {
	}

	static class Unwritable {

		public Object getSelf() {
			throw new IllegalStateException("not serialisable");
		}

	}

	@Test
	void stringIsEncodedAsStringValue() {
		assertThat(this.outcomes.encodeValue("hi")).isEqualTo(AnyValue.newBuilder().setStringValue("hi").build());
	}

	@Test
	void integerIsEncodedAsIntValue() {
		assertThat(this.outcomes.encodeValue(42)).isEqualTo(AnyValue.newBuilder().setIntValue(42).build());
		assertThat(this.outcomes.encodeValue(Long.MIN_VALUE))
			.isEqualTo(AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build());
	}

	@Test
	void integerAboveLongRangeIsEncodedAsUintValue() {
		AnyValue encoded = this.outcomes.encodeValue(new BigInteger("18446744073709551615"));
		assertThat(encoded.getValueCase()).isEqualTo(AnyValue.ValueCase.UINT_VALUE);
		assertThat(Long.toUnsignedString(encoded.getUintValue())).isEqualTo("18446744073709551615");
	}

	@Test
	void doubleIsEncodedAsDoubleValue() {
		assertThat(this.outcomes.encodeValue(1.5)).isEqualTo(AnyValue.newBuilder().setDoubleValue(1.5).build());
	}

	@Test
	void booleanIsEncodedAsBoolValue() {
		assertThat(this.outcomes.encodeValue(true)).isEqualTo(AnyValue.newBuilder().setBoolValue(true).build());
	}

	@Test
	void nullIsEncodedAsJsonNull() {
		assertThat(this.outcomes.encodeValue(null)).isEqualTo(AnyValue.newBuilder().setJsonValue("null").build());
	}

	@Test
	void listIsEncodedAsCompactJson() {
		assertThat(this.outcomes.encodeValue(List.of(1, "two", false)))
			.isEqualTo(AnyValue.newBuilder().setJsonValue("[1,\"two\",false]").build());
	}

	@Test
	void recordIsEncodedAsCompactJsonObject() {
		assertThat(this.outcomes.encodeValue(new Greeting("Hello Alice", 2)))
			.isEqualTo(AnyValue.newBuilder().setJsonValue("{\"text\":\"Hello Alice\",\"count\":2}").build());
	}

	@Test
	void successResultCarriesTheTaskIdAndValue() {
		TaskResult result = this.outcomes.success(ID, "done");
		assertThat(result.getTaskId()).isEqualTo(ID);
		assertThat(result.getSuccess().getResult().getStringValue()).isEqualTo("done");
	}

	@Test
	void unwritableValueBecomesAnExecutionError() {
		assertThat(this.outcomes.success(ID, new Unwritable()).getError()).isEqualTo(error("ExecutionError",
				"The result cannot be written as JSON: DatabindException", "{\"code\":\"TASK_ERROR\"}", false));
	}

	@Test
	void taskExceptionDefaultsToTaskErrorRetryable() {
		assertThat(this.outcomes.error(new TaskException("Mailbox full")))
			.isEqualTo(error("TaskError", "Mailbox full", "{\"code\":\"TASK_ERROR\"}", true));
	}

	@Test
	void taskExceptionCarriesItsTypeCodeDataAndRetryFlag() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("mailbox", "a@b");
		data.put("code", "IGNORED");
		data.put("size", 3);
		TaskException ex = new TaskException("Mailbox full").type("MailboxFull")
			.code("MAILBOX_FULL")
			.data(data)
			.retryable(false);
		assertThat(this.outcomes.error(ex)).isEqualTo(
				error("MailboxFull", "Mailbox full", "{\"code\":\"MAILBOX_FULL\",\"mailbox\":\"a@b\",\"size\":3}", false));
	}

	@Test
	void taskExceptionAcceptsJsonObjectData() {
		TaskException ex = new TaskException("x").data(this.mapper.readTree("{\"retry_after\":5}"));
		assertThat(this.outcomes.error(ex).getData()).isEqualTo("{\"code\":\"TASK_ERROR\",\"retry_after\":5}");
	}

	@Test
	void taskExceptionRejectsDataThatIsNotAnObject() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskException("x").data(this.mapper.readTree("[1]")))
			.withMessage("Task error data must be a JSON object, not ARRAY");
	}

	@Test
	void taskValidationExceptionIsNotRetryable() {
		assertThat(this.outcomes.error(new TaskValidationException("Unknown customer")))
			.isEqualTo(error("TaskValidationError", "Unknown customer", "{\"code\":\"VALIDATION_ERROR\"}", false));
	}

	@Test
	void taskTimeoutExceptionIsRetryable() {
		assertThat(this.outcomes.error(new TaskTimeoutException("Mail server slow")))
			.isEqualTo(error("TaskTimeoutError", "Mail server slow", "{\"code\":\"TIMEOUT_ERROR\"}", true));
	}

	@Test
	void otherExceptionUsesItsSimpleClassName() {
		assertThat(this.outcomes.error(new IllegalStateException("boom")))
			.isEqualTo(error("IllegalStateException", "boom", "{\"code\":\"TASK_ERROR\"}", true));
	}

	@Test
	void exceptionWithoutMessageReportsItsClassName() {
		assertThat(this.outcomes.error(new NullPointerException())).isEqualTo(error("NullPointerException",
				"java.lang.NullPointerException", "{\"code\":\"TASK_ERROR\"}", true));
	}

	@Test
	void unknownTaskIsANonRetryableTaskNotFound() {
		assertThat(this.outcomes.taskNotFound(ID, "send_mail")).isEqualTo(TaskResult.newBuilder()
			.setTaskId(ID)
			.setError(error("TaskNotFound", "No task registered under the name 'send_mail'",
					"{\"code\":\"TASK_ERROR\",\"task_name\":\"send_mail\"}", false))
			.build());
	}

	@Test
	void invalidArgumentsAreANonRetryableValidationError() {
		TaskArgumentException ex = new TaskArgumentException("age", "parameter 'age' (int) is missing", null);
		assertThat(this.outcomes.invalidArguments(ID, "greet", ex).getError())
			.isEqualTo(error("ValidationError", "Invalid arguments for task 'greet': parameter 'age' (int) is missing",
					"{\"code\":\"VALIDATION_ERROR\"}", false));
	}

	@Test
	void timedOutTaskIsARetryableTaskTimeoutError() {
		assertThat(this.outcomes.timedOut(ID, "greet", Duration.ofSeconds(30)).getError())
			.isEqualTo(error("TaskTimeoutError", "Task 'greet' did not finish within 30s",
					"{\"code\":\"TIMEOUT_ERROR\",\"task_name\":\"greet\",\"timeout_ms\":30000}", true));
	}

	@Test
	void interruptedTaskIsARetryableTaskInterruptedError() {
		assertThat(this.outcomes.interrupted(ID, "greet").getError()).isEqualTo(error("TaskInterruptedError",
				"Task 'greet' was interrupted before it finished", "{\"code\":\"INTERRUPTED\"}", true));
	}

	private static ErrorResult error(String type, String message, String data, boolean retriable) {
		return ErrorResult.newBuilder().setType(type).setMessage(message).setData(data).setRetriable(retriable).build();
	}

}
