package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TaskRegistry} and {@link TaskDefinition}.
 */
class TaskRegistryTests {

	private final TaskRegistry registry = new TaskRegistry();

	@Test
	void registeredTaskIsFoundByName() {
		TaskDefinition greet = definition("greet");
		this.registry.register(greet);
		assertThat(this.registry.find("greet")).containsSame(greet);
		assertThat(this.registry.find("other")).isEmpty();
		assertThat(this.registry.find(null)).isEmpty();
	}

	@Test
	void namesAndDefinitionsAreSortedByName() {
		this.registry.register(definition("zeta"));
		this.registry.register(definition("alpha"));
		assertThat(this.registry.names()).containsExactly("alpha", "zeta");
		assertThat(this.registry.definitions()).extracting(TaskDefinition::name).containsExactly("alpha", "zeta");
	}

	@Test
	void duplicateNameIsRejectedNamingBothSources() {
		this.registry.register(definition("greet").withSource("bean 'mailTasks' method send(String, int)"));
		assertThatExceptionOfType(DuplicateTaskException.class)
			.isThrownBy(() -> this.registry.register(definition("greet").withSource("bean 'otherTasks' method greet()")))
			.withMessage("Task name 'greet' is registered twice: by bean 'mailTasks' method send(String, int) "
					+ "and by bean 'otherTasks' method greet()");
	}

	@Test
	void methodDefinitionDescribesItsMethodAndKeepsItsTimeout() {
		TaskDefinition definition = TaskDefinition.forMethod("greet", new BindingFixtures(), method("greet"))
			.withTimeout(Duration.ofSeconds(30));
		assertThat(definition.source()).isEqualTo("method greet(String, int)");
		assertThat(definition.timeout()).contains(Duration.ofSeconds(30));
		assertThat(definition.method()).contains(method("greet"));
	}

	@Test
	void emptyNameIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TaskDefinition.forMethod(" ", new BindingFixtures(), method("none")))
			.withMessage("Task name must not be empty");
	}

	@Test
	void nonPositiveTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> definition("greet").withTimeout(Duration.ZERO))
			.withMessage("Task timeout must be positive, not PT0S");
	}

	private static TaskDefinition definition(String name) {
		return TaskDefinition.forMethod(name, new BindingFixtures(), method("none"));
	}

	private static Method method(String name) {
		return BindingFixtures.method(name);
	}

}
