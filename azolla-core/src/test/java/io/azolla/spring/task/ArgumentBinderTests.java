package io.azolla.spring.task;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.azolla.spring.task.BindingFixtures.Address;
import io.azolla.spring.task.BindingFixtures.Order;
import io.azolla.spring.task.BindingFixtures.Person;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ArgumentBinder}.
 */
class ArgumentBinderTests {

	private static final TaskContext CONTEXT = new TaskContext("6f1c2a9e-0000-4000-8000-000000000001", "fixture");

	private final ArgumentBinder binder = new ArgumentBinder(JsonMapper.builder().build());

	@Test
	void emptyArrayMeansNoArguments() {
		assertThat(bind("none", "[]", "{}")).isEmpty();
	}

	@Test
	void arrayHoldingOnlyNullMeansNoArgumentsAsThePythonClientSends() {
		assertThat(bind("none", "[null]", "{}")).isEmpty();
		assertThat(bind("limit", "[null]", "{}")).containsExactly(Optional.empty());
	}

	@Test
	void blankOrNullTextsMeanNoArguments() {
		assertThat(bind("none", "", "")).isEmpty();
		assertThat(bind("none", "null", "null")).isEmpty();
		assertThat(bind("none", null, null)).isEmpty();
	}

	@Test
	void arrayBindsByPositionLikeARustTuple() {
		assertThat(bind("greet", "[\"Alice\", 25]", "{}")).containsExactly("Alice", 25);
	}

	@Test
	void singleObjectArgumentBindsByParameterNameWhenMethodHasSeveralParameters() {
		assertThat(bind("greet", "[{\"name\":\"Alice\",\"age\":25}]", "{}")).containsExactly("Alice", 25);
	}

	@Test
	void singleObjectArgumentBindsByParameterNameWhenTheOnlyParameterIsNotAnObjectType() {
		assertThat(bind("single", "[{\"text\":\"hi\"}]", "{}")).containsExactly("hi");
	}

	@Test
	void singleObjectArgumentBindsWholeToARecordParameterLikeARustStruct() {
		assertThat(bind("person", "[{\"name\":\"Alice\",\"age\":25}]", "{}"))
			.containsExactly(new Person("Alice", 25));
	}

	@Test
	void singleObjectArgumentBindsWholeToAPojoParameter() {
		Object[] values = bind("address", "[{\"street\":\"Main St\",\"city\":\"Oslo\"}]", "{}");
		assertThat(values[0]).isInstanceOfSatisfying(Address.class,
				(address) -> assertThat(address.getCity()).isEqualTo("Oslo"));
	}

	@Test
	void singleObjectArgumentBindsWholeToAGenericMapParameter() {
		assertThat(bind("counts", "[{\"a\":1,\"b\":2}]", "{}")).containsExactly(Map.of("a", 1, "b", 2));
	}

	@Test
	void pythonDictShapeBindsMailParametersByNameLeavingOptionalAndNullableEmpty() {
		assertThat(bind("mail", "[{\"to\":\"a@b\",\"subject\":\"x\"}]", "{}"))
			.containsExactly("a@b", "x", Optional.empty(), null);
	}

	@Test
	void pythonListShapeBindsMailParametersByPosition() {
		assertThat(bind("mail", "[\"a@b\", \"x\", \"c@d\"]", "{}"))
			.containsExactly("a@b", "x", Optional.of("c@d"), null);
	}

	@Test
	void parameterWithJspecifyNullableMayBeMissing() {
		assertThat(bind("jspecify", "[]", "{}")).containsExactly((Object) null);
	}

	@Test
	void kwargsBindByName() {
		assertThat(bind("greet", "[]", "{\"age\":25,\"name\":\"Alice\"}")).containsExactly("Alice", 25);
	}

	@Test
	void positionalArgumentsBindFirstAndKwargsFillTheRest() {
		assertThat(bind("greet", "[\"Alice\"]", "{\"age\":25}")).containsExactly("Alice", 25);
	}

	@Test
	void genericListParameterBindsEachElementToItsType() {
		Object[] values = bind("orders", "[[{\"id\":\"o1\",\"quantity\":2},{\"id\":\"o2\",\"quantity\":3}]]", "{}");
		assertThat(values[0]).isEqualTo(List.of(new Order("o1", 2), new Order("o2", 3)));
	}

	@Test
	void integerAboveLongRangeBindsToBigInteger() {
		assertThat(bind("big", "[18446744073709551615]", "{}"))
			.containsExactly(new BigInteger("18446744073709551615"));
	}

	@Test
	void taskContextParameterIsInjectedAndTakesNoArgument() {
		assertThat(bind("withContext", "[\"Alice\"]", "{}")).containsExactly(CONTEXT, "Alice");
	}

	@Test
	void explicitNullBindsToAReferenceParameter() {
		assertThat(bind("greet", "[null, 3]", "{}")).containsExactly(null, 3);
	}

	@Test
	void malformedArgsAreRejected() {
		assertFails("greet", "[\"Alice\",", "{}", "args is not valid JSON", null);
	}

	@Test
	void malformedKwargsAreRejected() {
		assertFails("greet", "[]", "{age", "kwargs is not valid JSON", null);
	}

	@Test
	void argsThatAreAnObjectAreRejected() {
		assertFails("greet", "{\"name\":\"Alice\"}", "{}", "args must be a JSON array, not an object", null);
	}

	@Test
	void kwargsThatAreAnArrayAreRejected() {
		assertFails("greet", "[]", "[\"Alice\"]", "kwargs must be a JSON object, not an array", null);
	}

	@Test
	void stringForAnIntParameterIsRejectedNamingTheParameter() {
		assertFails("greet", "[\"Alice\", \"abc\"]", "{}", "parameter 'age' (int) cannot be read from a JSON string",
				"age");
	}

	@Test
	void wrongTypeInsideAGenericListIsRejectedWithItsPath() {
		assertFails("orders", "[[{\"id\":\"o1\",\"quantity\":\"many\"}]]", "{}",
				"parameter 'orders' (List<BindingFixtures.Order>) cannot be read from a JSON string at '[0].quantity': expected int",
				"orders");
	}

	@Test
	void tooManyPositionalArgumentsAreRejected() {
		assertFails("greet", "[\"Alice\", 25, true]", "{}",
				"too many positional arguments: the task takes 2 but received 3", null);
	}

	@Test
	void anyArgumentForAMethodWithoutParametersIsTooMany() {
		assertFails("none", "[1]", "{}", "too many positional arguments: the task takes 0 but received 1", null);
	}

	@Test
	void missingRequiredParameterIsRejected() {
		assertFails("greet", "[\"Alice\"]", "{}", "parameter 'age' (int) is missing", "age");
	}

	@Test
	void missingRequiredObjectParameterIsRejected() {
		assertFails("person", "[]", "{}", "parameter 'person' (BindingFixtures.Person) is missing", "person");
	}

	@Test
	void nullForAPrimitiveParameterIsRejected() {
		assertFails("greet", "[\"Alice\", null]", "{}", "parameter 'age' (int) must not be null", "age");
	}

	@Test
	void namesThatMatchNoParameterAreRejected() {
		assertFails("greet", "[]", "{\"name\":\"Alice\",\"age\":1,\"nick\":\"Al\",\"alias\":\"A\"}",
				"no parameter is named 'alias', 'nick'", null);
	}

	@Test
	void parameterGivenByPositionAndByNameIsRejected() {
		assertFails("greet", "[\"Alice\"]", "{\"name\":\"Bob\",\"age\":1}",
				"parameter 'name' (String) is given both by position and by name", "name");
	}

	@Test
	void unknownPropertyOfARecordFollowsTheApplicationMapper() {
		String args = "[{\"name\":\"Alice\",\"age\":25,\"email\":\"a@b\"}]";
		assertThat(bind("person", args, "{}")).containsExactly(new Person("Alice", 25));
		ArgumentBinder strict = new ArgumentBinder(
				JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> strict.bind(BindingFixtures.method("person"), args, "{}", CONTEXT))
			.withMessage("parameter 'person' (BindingFixtures.Person) cannot be read from a JSON string at 'email': "
					+ "unknown property 'email'");
	}

	private Object[] bind(String method, String args, String kwargs) {
		return this.binder.bind(BindingFixtures.method(method), args, kwargs, CONTEXT);
	}

	private void assertFails(String method, String args, String kwargs, String message, String parameter) {
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> bind(method, args, kwargs))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getParameterName()).isEqualTo(parameter));
	}

}
