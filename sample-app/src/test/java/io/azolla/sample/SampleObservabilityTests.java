package io.azolla.sample;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's actuator endpoints move as tasks run: the {@code azolla} endpoint, its health
 * component and the Micrometer meters, over HTTP as an operator would read them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.demo.enabled=false")
class SampleObservabilityTests {

	@LocalServerPort
	private int port;

	@Test
	void endpointHealthAndMetricsReflectATaskThatRanOverHttp() {
		long before = get("/actuator/azolla/greet_user").get("runs").longValue();
		rest().post()
			.uri("/api/tasks/greet_user")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("args", List.of("Bob", 41)))
			.retrieve()
			.body(JsonNode.class);
		JsonNode azolla = get("/actuator/azolla");
		assertThat(azolla.get("mode").stringValue()).isEqualTo("embedded");
		assertThat(azolla.at("/tasks/greet_user/runs").longValue()).isEqualTo(before + 1);
		assertThat(azolla.at("/tasks/build_report/runs").isMissingNode()).isFalse();
		assertThat(get("/actuator/health/azolla").get("status").stringValue()).isEqualTo("UP");
		assertThat(get("/actuator/metrics/azolla.task.execution?tag=task:greet_user&tag=outcome:success")
			.at("/measurements/0/value")
			.doubleValue()).isGreaterThanOrEqualTo(1);
		assertThat(rest().get().uri("/actuator/prometheus").retrieve().body(String.class))
			.contains("azolla_task_execution_seconds_count{")
			.contains("azolla_client_submit_seconds_count{");
	}

	@Test
	void aLogLineWrittenInsideATaskCarriesTheTraceIdOfItsExecution(CapturedOutput output) {
		rest().post()
			.uri("/api/tasks/reserve_stock")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("args", List.of("trace-sku", 1)))
			.retrieve()
			.body(JsonNode.class);
		// Boot's log pattern shows [traceId-spanId] when a trace is current, blanks otherwise.
		Pattern tracedLine = Pattern
			.compile("\\[[0-9a-f]{32}-[0-9a-f]{16}\\] io\\.azolla\\.sample\\.tasks\\.InventoryTasks +: Reserving stock");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Reserving stock")))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(tracedLine.matcher(line).find()).as(line).isTrue());
	}

	@Test
	void unknownTaskIsNotFound() {
		HttpStatusCode status = rest().get()
			.uri("/actuator/azolla/no_such_task")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status.value()).isEqualTo(404);
	}

	private JsonNode get(String path) {
		return rest().get().uri(path).retrieve().body(JsonNode.class);
	}

	private RestClient rest() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
