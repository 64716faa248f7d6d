package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.TaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TaskInvoker}.
 */
class TaskInvokerTests {

	private static final String ID = "6f1c2a9e-0000-4000-8000-000000000003";

	private final TaskRegistry registry = new TaskRegistry();

	private final TaskInvoker invoker = new TaskInvoker(this.registry, JsonMapper.builder().build());

	TaskInvokerTests() {
		Tasks tasks = new Tasks();
		for (String name : new String[] { "greet", "later", "failLater", "failAsync", "fail", "assertion",
				"outOfMemory", "interrupted", "nothing", "whoAmI" }) {
			this.registry.register(TaskDefinition.forMethod(name, tasks, method(name)));
		}
		this.registry.register(TaskDefinition.forHandler(new Sum(), "handler Sum"));
	}

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void returnValueBecomesASuccessResult() {
		TaskResult result = this.invoker.invoke(ID, "greet", "[\"Alice\", 25]", "{}");
		assertThat(result.getTaskId()).isEqualTo(ID);
		assertThat(result.getSuccess().getResult().getStringValue()).isEqualTo("Hello Alice (25)");
	}

	@Test
	void voidMethodSucceedsWithJsonNull() {
		assertThat(this.invoker.invoke(ID, "nothing", "[null]", "{}").getSuccess().getResult().getJsonValue())
			.isEqualTo("null");
	}

	@Test
	void completableFutureResultIsAwaited() {
		assertThat(this.invoker.invoke(ID, "later", "[21]", "{}").getSuccess().getResult().getIntValue())
			.isEqualTo(42);
	}

	@Test
	void failedFutureIsUnwrappedToItsCause() {
		assertThat(this.invoker.invoke(ID, "failLater", "[]", "{}").getError())
			.isEqualTo(error("IllegalStateException", "later failure", "{\"code\":\"TASK_ERROR\"}", true));
	}

	@Test
	void asyncFailureWrappedInCompletionExceptionIsUnwrapped() {
		assertThat(this.invoker.invoke(ID, "failAsync", "[]", "{}").getError())
			.isEqualTo(error("TaskValidationError", "async", "{\"code\":\"VALIDATION_ERROR\"}", false));
	}

	@Test
	void exceptionThrownByTheMethodIsUnwrappedFromReflection() {
		assertThat(this.invoker.invoke(ID, "fail", "[]", "{}").getError())
			.isEqualTo(error("UnsupportedOperationException", "no", "{\"code\":\"TASK_ERROR\"}", true));
	}

	@Test
	void errorOtherThanVirtualMachineErrorBecomesAResult() {
		assertThat(this.invoker.invoke(ID, "assertion", "[]", "{}").getError())
			.isEqualTo(error("AssertionError", "broken invariant", "{\"code\":\"TASK_ERROR\"}", true));
	}

	@Test
	void virtualMachineErrorPropagates() {
		assertThatExceptionOfType(OutOfMemoryError.class)
			.isThrownBy(() -> this.invoker.invoke(ID, "outOfMemory", "[]", "{}"))
			.withMessage("simulated");
	}

	@Test
	void interruptedTaskReportsTaskInterruptedErrorAndKeepsTheInterruptFlag() {
		assertThat(this.invoker.invoke(ID, "interrupted", "[]", "{}").getError()).isEqualTo(error(
				"TaskInterruptedError", "Task 'interrupted' was interrupted before it finished",
				"{\"code\":\"INTERRUPTED\"}", true));
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void unknownTaskBecomesTaskNotFound() {
		assertThat(this.invoker.invoke(ID, "missing", "[]", "{}")).isEqualTo(TaskResult.newBuilder()
			.setTaskId(ID)
			.setError(error("TaskNotFound", "No task registered under the name 'missing'",
					"{\"code\":\"TASK_ERROR\",\"task_name\":\"missing\"}", false))
			.build());
	}

	@Test
	void badArgumentsBecomeValidationErrorNamingTheParameter() {
		assertThat(this.invoker.invoke(ID, "greet", "[\"Alice\", \"abc\"]", "{}").getError()).isEqualTo(error(
				"ValidationError", "Invalid arguments for task 'greet': parameter 'age' (int) cannot be read from a JSON string",
				"{\"code\":\"VALIDATION_ERROR\"}", false));
	}

	@Test
	void malformedArgsBecomeValidationError() {
		assertThat(this.invoker.invoke(ID, "greet", "[", "{}").getError().getMessage())
			.isEqualTo("Invalid arguments for task 'greet': args is not valid JSON");
	}

	@Test
	void taskContextCarriesTheTaskIdAndName() {
		assertThat(this.invoker.invoke(ID, "whoAmI", "[]", "{}").getSuccess().getResult().getStringValue())
			.isEqualTo("whoAmI/" + ID);
	}

	@Test
	void handlerTaskReceivesItsArguments() {
		assertThat(this.invoker.invoke(ID, "sum", "[{\"a\":2,\"b\":3}]", "{}").getSuccess().getResult().getIntValue())
			.isEqualTo(5);
	}

	@Test
	void handlerArgumentFailureBecomesValidationError() {
		assertThat(this.invoker.invoke(ID, "sum", "[{\"a\":2}]", "{}").getError().getMessage())
			.isEqualTo("Invalid arguments for task 'sum': argument 'b' (Integer) is missing");
	}

	private static Method method(String name) {
		return Arrays.stream(Tasks.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static ErrorResult error(String type, String message, String data, boolean retriable) {
		return ErrorResult.newBuilder().setType(type).setMessage(message).setData(data).setRetriable(retriable).build();
	}

	static class Tasks {

		String greet(String name, int age) {
			return "Hello " + name + " (" + age + ")";
		}

		CompletableFuture<Integer> later(int half) {
			return CompletableFuture.completedFuture(half * 2);
		}

		CompletionStage<String> failLater() {
			return CompletableFuture.failedFuture(new IllegalStateException("later failure"));
		}

		CompletableFuture<String> failAsync() {
			return CompletableFuture.supplyAsync(() -> {
				throw new TaskValidationException("async");
			});
		}

		void fail() {
			throw new UnsupportedOperationException("no");
		}

		void assertion() {
			throw new AssertionError("broken invariant");
		}

		void outOfMemory() {
			throw new OutOfMemoryError("simulated");
		}

		void interrupted() throws InterruptedException {
			throw new InterruptedException("stop");
		}

		void nothing() {
		}

		String whoAmI(TaskContext context) {
			return context.taskName() + "/" + context.taskId();
		}

	}

	static class Sum implements AzollaTaskHandler {

		@Override
		public String name() {
			return "sum";
		}

		@Override
		public Object execute(TaskArguments args) {
			return args.get("a", Integer.class) + args.get("b", Integer.class);
		}

	}

}
