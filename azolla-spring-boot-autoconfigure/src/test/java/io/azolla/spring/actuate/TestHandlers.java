package io.azolla.spring.actuate;

import java.time.Duration;
import java.util.Optional;

import io.azolla.spring.task.AzollaTaskHandler;
import io.azolla.spring.task.TaskArguments;
import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskRegistry;

/**
 * Tasks for observation tests: one that succeeds, one that fails, one that outlives its limit.
 */
final class TestHandlers {

	private TestHandlers() {
	}

	static TaskRegistry registry() {
		TaskRegistry registry = new TaskRegistry();
		registry.register(definition("ok", (args) -> "done", null));
		registry.register(definition("fail", (args) -> {
			throw new IllegalArgumentException("bad input");
		}, null));
		registry.register(definition("slow", (args) -> {
			Thread.sleep(5_000);
			return "late";
		}, Duration.ofMillis(100)));
		registry.register(definition("never", (args) -> null, null));
		return registry;
	}

	static TaskDefinition definition(String name, Body body, Duration timeout) {
		return TaskDefinition.forHandler(new AzollaTaskHandler() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Object execute(TaskArguments args) throws Exception {
				return body.run(args);
			}

			@Override
			public Optional<Duration> timeout() {
				return Optional.ofNullable(timeout);
			}

		}, "test");
	}

	@FunctionalInterface
	interface Body {

		Object run(TaskArguments args) throws Exception;

	}

}
