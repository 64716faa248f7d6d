package io.azolla.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Python client as the submitter of Java tasks: once executed by the Java
 * in-process shepherd, once by the sample's launcher under the Rust shepherd. The Python
 * client sends {@code [null]} for "no argument" and {@code [{...}]} for a dict.
 */
@ExtendWith(RealOrchestrator.class)
class PythonClientE2eTests {

	private static final Path SCRIPT = Paths.get("src", "test", "resources", "python", "submit.py").toAbsolutePath();

	private static AzollaCluster cluster;

	private static ConfigurableApplicationContext worker;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@BeforeAll
	static void start() throws Exception {
		String reason = AzollaCluster.skipReason().orElseGet(PythonClientE2eTests::pythonClientMissing);
		if (reason == null && !Files.isRegularFile(JavaInvocationE2eTests.SAMPLE_JAR)) {
			reason = "the sample jar is not built";
		}
		if (RealOrchestrator.unavailable(PythonClientE2eTests.class, reason)) {
			return;
		}
		cluster = AzollaCluster.start();
		cluster.startShepherd(JavaInvocationE2eTests.LAUNCHER, "java-invocation", 2, Map.of());
		worker = new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.shepherd-group=java-shepherd",
					"spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stop() throws Exception {
		E2eClients.closeAll(worker, cluster);
	}

	@Test
	void pythonListArgumentsReachTheJavaShepherdPositionally() throws Exception {
		JsonNode outcome = python("java_greet", "[\"Ada\", 36]", "java-shepherd");

		assertThat(outcome.get("success").booleanValue()).as("%s", outcome).isTrue();
		assertThat(outcome.get("value").get("greeting").stringValue()).isEqualTo("Hello Ada");
	}

	@Test
	void pythonDictArgumentBindsByNameOnTheJavaShepherd() throws Exception {
		JsonNode outcome = python("java_greet", "{\"name\": \"Bo\", \"age\": 7}", "java-shepherd");

		assertThat(outcome.get("value").get("age").intValue()).isEqualTo(7);
	}

	@Test
	void javaErrorTypeReachesThePythonClient() throws Exception {
		JsonNode outcome = python("java_fail", "[\"InventoryMissing\"]", "java-shepherd");

		assertThat(outcome.get("success").booleanValue()).isFalse();
		assertThat(outcome.get("error").get("type").stringValue()).isEqualTo("InventoryMissing");
	}

	@Test
	void pythonSubmissionRunsTheJavaLauncherUnderTheRustShepherd() throws Exception {
		JsonNode outcome = python("greet_user", "{\"name\": \"Chen\", \"age\": 19, \"lang\": \"fr\"}", "java-invocation");

		assertThat(outcome.get("success").booleanValue()).as("%s", outcome).isTrue();
		assertThat(outcome.get("value").get("message").stringValue()).isEqualTo("Bonjour Chen");
	}

	@Test
	void pythonNoArgumentFormIsAcceptedByAJavaTaskWithoutParameters() throws Exception {
		JsonNode outcome = python("java_ping", "null", "java-shepherd");

		assertThat(outcome.get("success").booleanValue()).as("%s", outcome).isTrue();
		assertThat(outcome.get("value").stringValue()).isEqualTo("pong");
	}

	private JsonNode python(String task, String argsJson, String group) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(AzollaCluster.python(), SCRIPT.toString(), "127.0.0.1:" + cluster.port(), task, argsJson, group));
		Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("the Python client did not finish");
		}
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.exitValue()).as("python exit code; stderr: %s", err).isZero();
		String last = out.substring(out.lastIndexOf('\n') + 1);
		return this.mapper.readTree(last);
	}

	/**
	 * Returns why the official Python client cannot be used, or {@code null} when it can.
	 */
	static String pythonClientMissing() {
		try {
			Process probe = new ProcessBuilder(AzollaCluster.python(), "-c", "import azolla").start();
			return (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) ? null
					: "the official Python client (package 'azolla') is not importable by " + AzollaCluster.python()
						+ "; install the wheel from ../shared/azolla or set AZOLLA_E2E_PYTHON";
		}
		catch (IOException | InterruptedException ex) {
			return AzollaCluster.python() + " is not available: " + ex.getMessage();
		}
	}

}
