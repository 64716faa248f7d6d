package io.azolla.spring.worker;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskInvoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObservedTaskAttempt}, the listener path of embedded and invocation mode.
 */
class ObservedTaskAttemptTests {

	private final TestTasks tasks = new TestTasks();

	private final TaskInvoker invoker = new TaskInvoker(this.tasks.registry(), JsonMapper.builder().build());

	private final TimeLimiter limiter = new TimeLimiter();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final TaskExecutionListener recorder = new TaskExecutionListener() {

		@Override
		public void taskStarted(String taskId, String taskName) {
			ObservedTaskAttemptTests.this.events.add("started " + taskName);
		}

		@Override
		public Scope taskRunning(String taskId, String taskName) {
			ObservedTaskAttemptTests.this.events.add("running " + taskName);
			return Scope.NONE;
		}

		@Override
		public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
			ObservedTaskAttemptTests.this.events.add("completed " + taskName);
		}

	};

	@AfterEach
	void close() {
		this.limiter.close();
	}

	@Test
	void listenersSeeOneSharedNameForTasksThatAreNotRegistered() {
		List<TaskExecutionListener> listeners = List.of(this.recorder);
		ObservedTaskAttempt attempt = new ObservedTaskAttempt(
				this.limiter.around(this.invoker, (name) -> Duration.ofMinutes(1), listeners), this.invoker.registry(),
				listeners, () -> 0);

		TaskResult unknown = attempt.run(UUID.randomUUID().toString(), "made_up_" + UUID.randomUUID(), "[]", "{}");
		TaskResult other = attempt.run(UUID.randomUUID().toString(), "another_made_up_name", "[]", "{}");
		TaskResult echo = attempt.run(UUID.randomUUID().toString(), "echo", "[\"x\"]", "{}");

		assertThat(unknown.getError().getType()).isEqualTo("TaskNotFound");
		assertThat(other.getError().getType()).isEqualTo("TaskNotFound");
		assertThat(echo.getSuccess().getResult().getStringValue()).isEqualTo("x");
		String bucket = TaskExecutionListener.UNREGISTERED;
		assertThat(this.events).containsExactly("started " + bucket, "running " + bucket, "completed " + bucket,
				"started " + bucket, "running " + bucket, "completed " + bucket, "started echo", "running echo",
				"completed echo");
	}

}
