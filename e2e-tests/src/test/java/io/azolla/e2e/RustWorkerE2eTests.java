package io.azolla.e2e;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client against the real orchestrator, with tasks run by the Rust shepherd and the
 * Rust example worker.
 */
@ExtendWith(RealOrchestrator.class)
class RustWorkerE2eTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final RetryPolicy QUICK_RETRIES = RetryPolicy.fixed(Duration.ofMillis(100)).maxAttempts(3).build();

	private static AzollaCluster cluster;

	private static ManagedChannel channel;

	private static GrpcAzollaClient client;

	@BeforeAll
	static void startCluster() throws Exception {
		if (RealOrchestrator.unavailable(RustWorkerE2eTests.class, AzollaCluster.skipReason().orElse(null))) {
			return;
		}
		cluster = AzollaCluster.start();
		cluster.startRustShepherd("default", 4);
		channel = cluster.channel();
		client = E2eClients.grpcClient(channel, TaskDefaults.of(QUICK_RETRIES));
	}

	@AfterAll
	static void stopCluster() {
		E2eClients.stop(client, channel, cluster);
	}

	@Test
	void echoReturnsItsArgumentThroughTheJavaClient() {
		TaskResult result = client.submitTask("echo").args("hello from java").submit().await(WAIT);

		assertThat(result.isSuccess()).isTrue();
		assertThat(result.valueAs(String.class)).isEqualTo("hello from java");
	}

	@Test
	void alwaysFailReportsItsErrorAfterTheLastAttempt() {
		TaskResult result = client.submitTask("always_fail").submit().await(WAIT);

		TaskFailure failure = result.failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("TestError");
		assertThat(failure.message()).isEqualTo("This task always fails");
		assertThat(failure.retriable()).isTrue();
	}

	@Test
	void alwaysFailWithFalseArgumentSucceedsWithAnObject() {
		TaskResult result = client.submitTask("always_fail").args(false).submit().await(WAIT);

		assertThat(result.value().get("status").stringValue()).isEqualTo("unexpectedly_succeeded");
	}

	@Test
	void flakyTaskWithoutFailureFlagSucceeds() {
		TaskResult result = client.submitTask("flaky_task").submit().await(WAIT);

		assertThat(result.valueAs(String.class)).isEqualTo("Flaky task succeeded on retry");
	}

	@Test
	void flakyTaskAskedToFailFirstFailsEveryAttemptUnderTheRustShepherd() {
		// Its attempt counter lives in a file named after the worker's process id, and the Rust
		// shepherd starts a new process per attempt: every attempt is a "first" one.
		TaskResult result = client.submitTask("flaky_task").args(true).submit().await(WAIT);

		TaskFailure failure = result.failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("TestError");
		assertThat(failure.code()).contains("FLAKY_TASK_FIRST_ATTEMPT");
	}

	@Test
	void unknownTaskNameComesBackAsTaskNotFoundFromTheWorker() {
		TaskResult result = client.submitTask("no_such_task").submit().await(WAIT);

		TaskFailure failure = result.failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("TaskNotFound");
		assertThat(failure.retriable()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("retryCases")
	void theRustWorkersFailuresAreRetriedAsThePolicySays(String description, RetryPolicy policy, int expectedAttempts)
			throws Exception {
		TaskResult result = client.submitTask("always_fail").retryPolicy(policy).submit().await(WAIT);

		assertThat(result.failure().orElseThrow().type()).isEqualTo("TestError");
		// One "Task <id> failed: TestError" line per attempt in the shepherd's log; it is written
		// before the result is forwarded, so it is complete once the result arrived.
		assertThat(cluster.countShepherdLogLines(result.taskId() + " failed: TestError")).isEqualTo(expectedAttempts);
	}

	static Stream<Arguments> retryCases() {
		Duration tiny = Duration.ofMillis(20);
		return Stream.of(Arguments.of("fixed", RetryPolicy.fixed(tiny).maxAttempts(3).build(), 3),
				Arguments.of("exponential", RetryPolicy.exponential().initialDelay(tiny).maxAttempts(4).build(), 4),
				Arguments.of("exponential with jitter", RetryPolicy.exponentialJitter().initialDelay(tiny).maxAttempts(2).build(), 2),
				Arguments.of("TestError not included", RetryPolicy.fixed(tiny).includeErrors("ValueError").build(), 1),
				Arguments.of("TestError excluded", RetryPolicy.fixed(tiny).excludeErrors("TestError").build(), 1));
	}

	@Test
	void taskForAGroupWithoutShepherdStaysQueuedWhileTheDefaultGroupRuns() {
		TaskHandle orphan = client.submitTask("echo").args("nobody listens").shepherdGroup("no-such-group").submit();

		assertThat(client.submitTask("echo").args("default group").submit().await(WAIT).valueAs(String.class))
			.isEqualTo("default group");
		assertThatExceptionOfType(TaskWaitTimeoutException.class).isThrownBy(() -> orphan.await(Duration.ofSeconds(2)));
		assertThat(orphan.tryResult()).isEmpty();
	}

	@Test
	void unknownTaskIdIsReportedAsNotFound() {
		assertThatExceptionOfType(TaskNotFoundException.class)
			.isThrownBy(() -> client.taskHandle(UUID.randomUUID().toString()).await(Duration.ofSeconds(5)));
	}

	@Test
	void tryResultIsEmptyForAnUnknownTaskId() {
		assertThat(client.taskHandle(UUID.randomUUID().toString()).tryResult()).isEmpty();
	}

}
