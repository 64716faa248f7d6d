package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Map;

import io.azolla.spring.task.TaskRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TaskTimeouts}, the one place of the time limit precedence.
 */
class TaskTimeoutsTests {

	private final TaskRegistry registry = new TestTasks().registry();

	@Test
	void theConfiguredLimitWinsOverTheTasksOwnWhichWinsOverTheGlobalOne() {
		TaskTimeouts timeouts = new TaskTimeouts(this.registry,
				Map.of("stubborn", Duration.ofSeconds(1), "echo", Duration.ofSeconds(2)), Duration.ofMinutes(5));
		assertThat(timeouts.forTask("stubborn")).isEqualTo(Duration.ofSeconds(1));
		assertThat(new TaskTimeouts(this.registry, Map.of(), Duration.ofMinutes(5)).forTask("stubborn"))
			.isEqualTo(Duration.ofMillis(200));
		assertThat(timeouts.forTask("echo")).isEqualTo(Duration.ofSeconds(2));
		assertThat(timeouts.forTask("gated")).isEqualTo(Duration.ofMinutes(5));
		assertThat(timeouts.forTask("unknown")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void withoutAGlobalLimitOnlyTasksWithALimitOfTheirOwnHaveOne() {
		TaskTimeouts timeouts = new TaskTimeouts(this.registry, Map.of(), null);
		assertThat(timeouts.forTask("gated")).isNull();
		assertThat(timeouts.forTask("stubborn")).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void aLimitThatIsNotPositiveIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskTimeouts(this.registry, Map.of("echo", Duration.ZERO), null))
			.withMessageContaining("'echo'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskTimeouts(this.registry, Map.of(), Duration.ofSeconds(-1)))
			.withMessageContaining("global");
	}

}
