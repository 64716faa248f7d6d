package io.azolla.sample;

import java.util.List;
import java.util.Map;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.embedded.EmbeddedAzollaClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end in its default, embedded mode: HTTP in, tasks executed in this JVM
 * with the configured retry policies and time limits, JSON out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo.enabled=false", "sample.report-timeout=300ms" })
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private AzollaClient client;

	@Test
	void defaultProfileRunsTasksInTheEmbeddedClient() {
		assertThat(this.client).isInstanceOf(EmbeddedAzollaClient.class);
	}

	@Test
	void greetingTaskReturnsItsRecordOverHttp() {
		JsonNode body = submit("greet_user", Map.of("args", List.of("Alice", 25), "kwargs", Map.of("lang", "fr")));

		assertThat(body.get("status").stringValue()).isEqualTo("succeeded");
		assertThat(body.get("value").get("message").stringValue()).isEqualTo("Bonjour Alice");
		assertThat(body.get("value").get("adult").booleanValue()).isTrue();
	}

	@Test
	void optionalParameterMayBeLeftOut() {
		JsonNode body = submit("greet_user", Map.of("args", List.of("Ann", 12)));

		assertThat(body.get("value").get("message").stringValue()).isEqualTo("Hello Ann");
	}

	@Test
	void emptyOrderFailsWithANonRetryableValidationError() {
		JsonNode body = submit("price_order", Map.of("args", List.of(Map.of("id", "A-9", "lines", List.of()))));

		assertThat(body.get("status").stringValue()).isEqualTo("failed");
		assertThat(body.get("error").get("type").stringValue()).isEqualTo("TaskValidationError");
		assertThat(body.get("error").get("data").get("code").stringValue()).isEqualTo("VALIDATION_ERROR");
	}

	@Test
	void flakyTaskSucceedsOnItsThirdAttempt() {
		JsonNode body = submit("reserve_stock", Map.of("args", List.of("sku-under-test", 2)));

		assertThat(body.get("status").stringValue()).isEqualTo("succeeded");
		assertThat(body.get("value").get("attempts").intValue()).isEqualTo(3);
	}

	@Test
	void slowTaskIsStoppedAtItsTimeout() {
		JsonNode body = submit("build_report", Map.of("args", List.of(10_000)));

		assertThat(body.get("error").get("type").stringValue()).isEqualTo("TaskTimeoutError");
	}

	@Test
	void argumentsOfTheWrongTypeAreAValidationError() {
		JsonNode body = submit("greet_user", Map.of("args", List.of("Alice", "not a number")));

		assertThat(body.get("error").get("type").stringValue()).isEqualTo("ValidationError");
		assertThat(body.get("error").get("message").stringValue()).contains("age");
	}

	@Test
	void unknownTaskFailsWithTaskNotFound() {
		JsonNode body = submit("no_such_task", Map.of());

		assertThat(body.get("error").get("type").stringValue()).isEqualTo("TaskNotFound");
	}

	@Test
	void linearAndDiamondFlowsComposeTasks() {
		RestClient http = RestClient.create("http://localhost:" + this.port);

		assertThat(http.get().uri("/api/flows/linear?values=1,2,3").retrieve().body(JsonNode.class).get("result").longValue())
			.isEqualTo(120);
		assertThat(http.get().uri("/api/flows/diamond?values=1,2,3").retrieve().body(JsonNode.class).get("result").longValue())
			.isEqualTo(30);
	}

	@Test
	void theTaskClientInterfacePricesAnOrderOverHttp() {
		JsonNode quote = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/orders/quote")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", "A-1", "lines", List.of(Map.of("sku", "pen", "quantity", 3, "unitPrice", 1.2))))
			.retrieve()
			.body(JsonNode.class);

		assertThat(quote.get("orderId").stringValue()).isEqualTo("A-1");
		assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("3.6");
	}

	@Test
	void anOrderTheTaskRejectsIsABadRequestThroughTheInterfacesException() {
		var response = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/orders/quote")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", "A-2", "lines", List.of()))
			.retrieve()
			.onStatus((status) -> true, (request, answer) -> {
			})
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody().get("message").stringValue()).isEqualTo("order A-2 has no lines");
	}

	private JsonNode submit(String task, Map<String, Object> body) {
		return RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/tasks/{name}", task)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class);
	}

}
