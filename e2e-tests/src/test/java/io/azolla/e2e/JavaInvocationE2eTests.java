package io.azolla.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java tasks under the real Rust shepherd: the shepherd starts the sample application's
 * launcher once per task (invocation mode) and the Java client submits and awaits.
 */
@ExtendWith(RealOrchestrator.class)
class JavaInvocationE2eTests {

	static final Path LAUNCHER = Paths.get("..", "sample-app", "bin", "azolla-sample-worker").toAbsolutePath().normalize();

	static final Path SAMPLE_JAR = Paths.get("..", "sample-app", "target", "azolla-sample-app.jar");

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static AzollaCluster cluster;

	private static ManagedChannel channel;

	private static GrpcAzollaClient client;

	@BeforeAll
	static void startCluster() throws Exception {
		String reason = AzollaCluster.skipReason()
			.orElse(Files.isRegularFile(SAMPLE_JAR) ? null : "the sample jar is not built (" + SAMPLE_JAR + ")");
		if (RealOrchestrator.unavailable(JavaInvocationE2eTests.class, reason)) {
			return;
		}
		cluster = AzollaCluster.start();
		cluster.startShepherd(LAUNCHER, "java-invocation", 2, Map.of());
		channel = cluster.channel();
		RetryPolicy once = RetryPolicy.none();
		client = E2eClients.grpcClient(channel, new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return once;
			}

			@Override
			public java.util.Optional<String> shepherdGroup(String taskName) {
				return java.util.Optional.of("java-invocation");
			}

		});
	}

	@AfterAll
	static void stopCluster() {
		E2eClients.stop(client, channel, cluster);
	}

	@Test
	void javaTaskLaunchedByTheRustShepherdReturnsItsRecord() {
		TaskResult result = client.submitTask("greet_user").args("Alice", 25).kwargs(Map.of("lang", "de")).submit().await(WAIT);

		assertThat(result.isSuccess()).as("%s", result.failure()).isTrue();
		assertThat(result.value().get("message").stringValue()).isEqualTo("Hallo Alice");
		assertThat(result.value().get("adult").booleanValue()).isTrue();
	}

	@Test
	void javaValidationErrorComesBackThroughTheRustShepherd() {
		TaskResult result = client.submitTask("price_order")
			.argsJson("[{\"id\":\"A-1\",\"lines\":[]}]")
			.submit()
			.await(WAIT);

		TaskFailure failure = result.failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("TaskValidationError");
		assertThat(failure.code()).contains("VALIDATION_ERROR");
		assertThat(failure.retriable()).isFalse();
	}

	@Test
	void unknownJavaTaskIsReportedAsTaskNotFound() {
		TaskResult result = client.submitTask("not_in_the_sample").submit().await(WAIT);

		assertThat(result.failure().orElseThrow().type()).isEqualTo("TaskNotFound");
	}

}
