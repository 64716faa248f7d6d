package io.azolla.spring.task;

import java.util.List;
import java.util.Optional;

import io.azolla.spring.task.BindingFixtures.Order;
import io.azolla.spring.task.BindingFixtures.Person;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TaskArguments}, the view handler tasks get.
 */
class TaskArgumentsTests {

	private static final TaskContext CONTEXT = new TaskContext("6f1c2a9e-0000-4000-8000-000000000004", "handler");

	private final ArgumentBinder binder = new ArgumentBinder(JsonMapper.builder().build());

	@Test
	void positionalArgumentsAreReadByIndex() {
		TaskArguments args = parse("[\"Alice\", 25]", "{}");
		assertThat(args.size()).isEqualTo(2);
		assertThat(args.get(0, String.class)).isEqualTo("Alice");
		assertThat(args.get(1, int.class)).isEqualTo(25);
	}

	@Test
	void arrayHoldingOnlyNullHasNoPositionalArguments() {
		assertThat(parse("[null]", "{}").positional()).isEmpty();
	}

	@Test
	void genericPositionalArgumentIsReadWithATypeReference() {
		TaskArguments args = parse("[[{\"id\":\"o1\",\"quantity\":1}]]", "{}");
		assertThat(args.get(0, new TypeReference<List<Order>>() {
		})).containsExactly(new Order("o1", 1));
	}

	@Test
	void namedArgumentIsReadFromKwargs() {
		assertThat(parse("[]", "{\"to\":\"a@b\"}").get("to", String.class)).isEqualTo("a@b");
	}

	@Test
	void namedArgumentIsReadFromASingleObjectArgument() {
		assertThat(parse("[{\"to\":\"a@b\"}]", "{}").get("to", String.class)).isEqualTo("a@b");
	}

	@Test
	void absentNamedArgumentIsEmptyWhenFound() {
		assertThat(parse("[]", "{}").find("cc", String.class)).isEqualTo(Optional.empty());
	}

	@Test
	void rustStructShapeBindsToARecord() {
		assertThat(parse("[{\"name\":\"Alice\",\"age\":25}]", "{}").bindTo(Person.class))
			.isEqualTo(new Person("Alice", 25));
	}

	@Test
	void rustTupleShapeBindsToAList() {
		assertThat(parse("[\"Alice\", 25]", "{}").bindTo(new TypeReference<List<Object>>() {
		})).containsExactly("Alice", 25);
	}

	@Test
	void kwargsAloneBindToARecord() {
		assertThat(parse("[]", "{\"name\":\"Alice\",\"age\":25}").bindTo(Person.class))
			.isEqualTo(new Person("Alice", 25));
	}

	@Test
	void missingPositionalArgumentIsRejected() {
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> parse("[]", "{}").get(0, String.class))
			.withMessage("argument 0 (String) is missing: the task received 0 positional arguments");
	}

	@Test
	void wronglyTypedNamedArgumentIsRejectedNamingIt() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> parse("[]", "{\"age\":\"old\"}").get("age", Integer.class))
			.withMessage("argument 'age' (Integer) cannot be read from a JSON string")
			.satisfies((ex) -> assertThat(ex.getParameterName()).isEqualTo("age"));
	}

	@Test
	void contextIsAvailable() {
		assertThat(parse("[]", "{}").context()).isEqualTo(CONTEXT);
	}

	private TaskArguments parse(String args, String kwargs) {
		return this.binder.parse(args, kwargs, CONTEXT);
	}

}
