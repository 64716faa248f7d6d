package io.azolla.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.test.AutoConfigureAzollaTestOrchestrator;
import io.azolla.spring.test.AzollaTestOrchestrator;
import io.azolla.spring.test.SubmittedTask;
import io.azolla.spring.test.TaskHold;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static io.azolla.spring.test.AzollaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as it runs in production, against an orchestrator: its HTTP API submits through
 * the real gRPC client, its tasks run on its own in-process shepherd, and the test kit's
 * stand-in plays the orchestrator, records what happened and injects failures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo.enabled=false", "azolla.tasks.greet_user.retry.backoff.strategy=fixed",
				"azolla.tasks.greet_user.retry.backoff.delay=10ms", "azolla.worker.reconnect.initial=50ms",
				"azolla.worker.reconnect.max=200ms" })
@AutoConfigureAzollaTestOrchestrator
class SampleWithTestOrchestratorTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private AzollaTestOrchestrator azolla;

	@Autowired
	private AzollaClient client;

	@Test
	void aGreetingTravelsThroughTheOrchestratorWithItsArgumentsAndPolicy() {
		JsonNode body = submit("greet_user", Map.of("args", List.of("Alice", 25), "kwargs", Map.of("lang", "fr")));

		assertThat(this.client).isInstanceOf(GrpcAzollaClient.class);
		assertThat(body.get("value").get("message").stringValue()).isEqualTo("Bonjour Alice");
		assertThat(this.azolla).hasSubmitted("greet_user")
			.withArgs("Alice", 25)
			.withKwargs(Map.of("lang", "fr"))
			.withRetryPolicy(RetryPolicy.fixed(Duration.ofMillis(10)).build())
			.withoutShepherdGroup()
			.madeAttempts(1)
			.succeededWith(Map.of("message", "Bonjour Alice", "adult", true));
	}

	@Test
	void theFlakyReservationIsRetriedByTheOrchestratorUnderItsConfiguredPolicy() {
		JsonNode body = submit("reserve_stock", Map.of("args", List.of("sku-kit", 2)));

		assertThat(body.get("value").get("attempts").intValue()).isEqualTo(3);
		SubmittedTask task = this.azolla.tasks("reserve_stock").get(0);
		assertThat(task).withRetryPolicy(RetryPolicy.fixed(Duration.ofMillis(200)).maxAttempts(5).build())
			.madeAttempts(3)
			.succeeded();
		assertThat(task.attempts()).extracting((attempt) -> attempt.errorType().orElse("none"))
			.containsExactly("WarehouseBusy", "WarehouseBusy", "none");
	}

	@Test
	void anOrderWithoutLinesFailsOnceWithAValidationError() {
		JsonNode body = submit("price_order", Map.of("args", List.of(Map.of("id", "A-1", "lines", List.of()))));

		assertThat(body.get("error").get("type").stringValue()).isEqualTo("TaskValidationError");
		assertThat(this.azolla).hasSubmitted("price_order").madeAttempts(1).failedWith("TaskValidationError");
	}

	@Test
	void whenGreetingsKeepFailingTheApiAnswersWithTheLastError() {
		this.azolla.failAttempts("greet_user", 5, "TranslatorDown", "no translator");

		JsonNode body = submit("greet_user", Map.of("args", List.of("Bob", 40)));

		assertThat(body.get("status").stringValue()).isEqualTo("failed");
		assertThat(body.get("error").get("type").stringValue()).isEqualTo("TranslatorDown");
		assertThat(this.azolla).hasSubmitted("greet_user").madeAttempts(5).failedWith("TranslatorDown");
	}

	@Test
	void aHeldTaskIsReportedAsRunningAndFinishesWhenReleased() {
		TaskHold hold = this.azolla.hold("greet_user");

		ResponseEntity<JsonNode> response = http().post()
			.uri("/api/tasks/greet_user")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("args", List.of("Cy", 7), "waitSeconds", 1))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode().value()).isEqualTo(202);
		String taskId = response.getBody().get("taskId").stringValue();
		assertThat(hold.heldTasks()).extracting(SubmittedTask::id).containsExactly(taskId);
		hold.release();
		assertThat(this.azolla.awaitFinished(taskId, WAIT)).succeededWith(Map.of("message", "Hello Cy", "adult", false));
	}

	@Test
	void healthFollowsTheOrchestratorGoingAwayAndComingBack() throws InterruptedException {
		this.azolla.awaitShepherd(WAIT);
		awaitHealth("UP");

		this.azolla.makeUnavailable();
		awaitHealth("DOWN");

		this.azolla.makeAvailable();
		awaitHealth("UP");
		assertThat(submit("greet_user", Map.of("args", List.of("Di", 30))).get("status").stringValue())
			.isEqualTo("succeeded");
	}

	private void awaitHealth(String status) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		String seen = null;
		while (System.nanoTime() < deadline) {
			seen = http().get().uri("/actuator/health/azolla").exchange((request, response) ->
					response.bodyTo(JsonNode.class)).get("status").stringValue();
			if (status.equals(seen)) {
				return;
			}
			Thread.sleep(50);
		}
		assertThat(seen).as("azolla health").isEqualTo(status);
	}

	private JsonNode submit(String task, Map<String, Object> body) {
		return http().post()
			.uri("/api/tasks/{name}", task)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class);
	}

	private RestClient http() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
