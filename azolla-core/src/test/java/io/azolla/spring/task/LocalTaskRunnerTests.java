package io.azolla.spring.task;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalTaskRunner}.
 */
class LocalTaskRunnerTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final TaskRegistry registry = new TaskRegistry();

	private final LocalTaskRunner runner = new LocalTaskRunner(this.registry, this.mapper);

	LocalTaskRunnerTests() throws NoSuchMethodException {
		Tasks tasks = new Tasks();
		this.registry.register(TaskDefinition.forMethod("greet", tasks,
				Tasks.class.getDeclaredMethod("greet", String.class, int.class)));
		this.registry.register(TaskDefinition.forMethod("huge", tasks, Tasks.class.getDeclaredMethod("huge")));
		this.registry.register(TaskDefinition.forMethod("count", tasks, Tasks.class.getDeclaredMethod("count")));
		this.registry.register(TaskDefinition.forMethod("refuse", tasks, Tasks.class.getDeclaredMethod("refuse")));
	}

	record Greeting(String text, int age) {
	}

	@Test
	void valueComesBackWithObjectKeysSorted() {
		TaskResult result = this.runner.execute("greet", "Alice", 25);
		assertThat(result.isSuccess()).isTrue();
		assertThat(result.value().toString()).isEqualTo("{\"age\":25,\"text\":\"Hello Alice\"}");
		assertThat(result.valueAs(Greeting.class)).isEqualTo(new Greeting("Hello Alice", 25));
	}

	@Test
	void namedArgumentsAreSentAsKwargs() {
		assertThat(this.runner.executeNamed("greet", Map.of("name", "Bob", "age", 7)).valueAs(Greeting.class))
			.isEqualTo(new Greeting("Hello Bob", 7));
	}

	@Test
	void rawTextsArePassedOnVerbatim() {
		assertThat(this.runner.executeJson("greet", "[{\"name\":\"Eve\",\"age\":3}]", "{}").valueAs(Greeting.class))
			.isEqualTo(new Greeting("Hello Eve", 3));
	}

	@Test
	void unsignedValueComesBackAsBigInteger() {
		assertThat(this.runner.execute("huge").value().bigIntegerValue())
			.isEqualTo(new BigInteger("18446744073709551615"));
	}

	@Test
	void nestedValuesAreNormalised() {
		assertThat(this.runner.execute("count").value().toString())
			.isEqualTo("[{\"a\":1,\"b\":2.5,\"z\":null}]");
	}

	@Test
	void errorComesBackAsTheClientsTaskFailure() {
		TaskResult result = this.runner.execute("refuse");
		assertThat(result.failure()).hasValueSatisfying((failure) -> {
			assertThat(failure.type()).isEqualTo("Refused");
			assertThat(failure.message()).isEqualTo("not today");
			assertThat(failure.data().toString()).isEqualTo("{\"code\":\"REFUSED\",\"until\":\"monday\"}");
			assertThat(failure.code()).contains("REFUSED");
			assertThat(failure.retriable()).isFalse();
		});
	}

	@Test
	void unknownTaskComesBackAsTaskNotFound() {
		TaskFailure failure = this.runner.execute("nope").failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("TaskNotFound");
		assertThat(failure.data().toString()).isEqualTo("{\"code\":\"TASK_ERROR\",\"task_name\":\"nope\"}");
	}

	@Test
	void noArgumentsAreSentAsAnEmptyArray() {
		TaskFailure failure = this.runner.execute("greet").failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("ValidationError");
		assertThat(failure.message()).isEqualTo("Invalid arguments for task 'greet': parameter 'name' (String) is missing");
	}

	static class Tasks {

		Greeting greet(String name, int age) {
			return new Greeting("Hello " + name, age);
		}

		BigInteger huge() {
			return new BigInteger("18446744073709551615");
		}

		List<Map<String, Object>> count() {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("z", null);
			entry.put("b", 2.5);
			entry.put("a", 1);
			return List.of(entry);
		}

		void refuse() {
			throw new TaskException("not today").type("Refused")
				.code("REFUSED")
				.data(Map.of("until", "monday"))
				.retryable(false);
		}

	}

}
