package io.azolla.spring.client.support;

import java.util.Map;
import java.util.Optional;

import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

@ExtendWith(OutputCaptureExtension.class)
class MixedArgumentsTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final TaskDefaults runtimes = new TaskDefaults() {

		private final Map<String, WorkerRuntime> known = Map.of("on_java", WorkerRuntime.JAVA, "on_rust",
				WorkerRuntime.RUST, "on_python", WorkerRuntime.PYTHON);

		@Override
		public RetryPolicy retryPolicy(String taskName) {
			return RetryPolicy.defaults();
		}

		@Override
		public Optional<String> shepherdGroup(String taskName) {
			return Optional.empty();
		}

		@Override
		public Optional<WorkerRuntime> workerRuntime(String taskName) {
			return Optional.ofNullable(this.known.get(taskName));
		}

	};

	@Test
	void onlyARequestWithBothKindsOfArgumentsIsMixed() {
		assertThat(MixedArguments.isMixed(request("t", "[1]", "{\"a\":1}"), this.mapper)).isTrue();
		assertThat(MixedArguments.isMixed(request("t", "[null]", "{\"a\":1}"), this.mapper)).isTrue();
		assertThat(MixedArguments.isMixed(request("t", "[ ]", " { \"a\" : 1 } "), this.mapper)).isFalse();
		assertThat(MixedArguments.isMixed(request("t", "[]", "{\"a\":1}"), this.mapper)).isFalse();
		assertThat(MixedArguments.isMixed(request("t", "[1,2]", "{}"), this.mapper)).isFalse();
		assertThat(MixedArguments.isMixed(request("t", "[1,2]", "{ }"), this.mapper)).isFalse();
	}

	@Test
	void aMixedRequestForARustOrPythonTaskIsRefusedBeforeAnythingIsSent() {
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> MixedArguments.check(request("on_rust", "[1]", "{\"b\":2}"), this.runtimes, this.mapper))
			.withMessageContaining("Invalid request for task 'on_rust': it runs on a Rust worker")
			.withMessageContaining("drops one kind of arguments when both are present");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> MixedArguments.check(request("on_python", "[1]", "{\"b\":2}"), this.runtimes, this.mapper))
			.withMessageContaining("passes named arguments as one extra positional argument");
	}

	@Test
	void aMixedRequestForAJavaTaskIsSentSilently(CapturedOutput output) {
		assertThatNoException()
			.isThrownBy(() -> MixedArguments.check(request("on_java", "[1]", "{\"b\":2}"), this.runtimes, this.mapper));
		assertThat(output).doesNotContain("on_java");
	}

	@Test
	void aMixedRequestForATaskOfUnknownRuntimeIsSentWithOneWarningWithoutTheValues(CapturedOutput output) {
		MixedArguments.check(request("unconfigured_task", "[\"secret-1\"]", "{\"b\":\"secret-2\"}"), this.runtimes,
				this.mapper);
		MixedArguments.check(request("unconfigured_task", "[\"secret-1\"]", "{\"b\":\"secret-2\"}"), this.runtimes,
				this.mapper);

		assertThat(output.toString().split("Task 'unconfigured_task' is submitted with both", -1)).hasSize(2);
		assertThat(output).contains("azolla.tasks.unconfigured_task.worker-runtime").doesNotContain("secret");
	}

	@Test
	void requestsThatAreNotMixedPassWhateverTheRuntime() {
		assertThatNoException().isThrownBy(() -> {
			MixedArguments.check(request("on_rust", "[1,2]", "{}"), this.runtimes, this.mapper);
			MixedArguments.check(request("on_python", "[]", "{\"a\":1}"), this.runtimes, this.mapper);
		});
	}

	private static TaskRequest request(String name, String args, String kwargs) {
		return new TaskRequest(name, args, kwargs, null, null);
	}

}
