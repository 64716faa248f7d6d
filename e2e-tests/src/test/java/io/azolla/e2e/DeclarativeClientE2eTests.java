package io.azolla.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.declarative.ArgumentStyle;
import io.azolla.spring.client.declarative.AzollaTaskClient;
import io.azolla.spring.client.declarative.EnableAzollaTaskClients;
import io.azolla.spring.client.declarative.TaskCall;
import io.azolla.spring.client.declarative.TaskCallOptions;
import io.azolla.spring.client.declarative.TaskErrorMapping;
import io.azolla.spring.client.declarative.TaskParam;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskFailedException;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskException;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Task client interfaces against the real orchestrator, with tasks run by a Java in-process
 * shepherd, the Rust shepherd with the Rust example worker, and the Rust shepherd with the
 * official Python worker. Also records how each worker binds a task submitted with positional
 * and named arguments together, the reason for {@code azolla.tasks.<name>.worker-runtime}.
 */
@ExtendWith(RealOrchestrator.class)
class DeclarativeClientE2eTests {

	private static final Path PYTHON_TASKS = Paths.get("src", "test", "resources", "python").toAbsolutePath();

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final RetryPolicy ONCE = RetryPolicy.fixed(Duration.ofMillis(50)).maxAttempts(1).build();

	private static AzollaCluster cluster;

	private static ConfigurableApplicationContext application;

	private static ManagedChannel channel;

	/** A client with no worker runtime configured: it sends mixed requests, with a warning. */
	private static GrpcAzollaClient rawClient;

	@BeforeAll
	static void start() throws Exception {
		String reason = AzollaCluster.skipReason().orElseGet(PythonClientE2eTests::pythonClientMissing);
		if (RealOrchestrator.unavailable(DeclarativeClientE2eTests.class, reason)) {
			return;
		}
		cluster = AzollaCluster.start();
		cluster.startShepherd(cluster.bin("azolla-worker"), "rust", 2, Map.of());
		cluster.startShepherd(pythonLauncher(), "python", 2, Map.of());
		application = new SpringApplicationBuilder(DeclarativeApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.shepherd-group=java-decl",
					"azolla.tasks.decl_quotes.shepherd-group=java-decl", "azolla.tasks.decl_greet.shepherd-group=java-decl",
					"azolla.tasks.decl_greet.worker-runtime=java", "azolla.tasks.decl_refuse.shepherd-group=java-decl",
					"azolla.tasks.decl_refuse.retry.max-attempts=1", "azolla.tasks.echo.shepherd-group=rust",
					"azolla.tasks.echo.worker-runtime=rust", "azolla.tasks.math_add.shepherd-group=rust",
					"azolla.tasks.always_fail.shepherd-group=rust", "azolla.tasks.py_greet.shepherd-group=python",
					"azolla.tasks.py_greet.worker-runtime=python", "azolla.client.wait-timeout=90s",
					"spring.main.banner-mode=off")
			.run();
		channel = cluster.channel();
		rawClient = E2eClients.grpcClient(channel, TaskDefaults.of(ONCE));
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		E2eClients.stop(rawClient, channel, cluster);
	}

	// --- task client interfaces ------------------------------------------------------------

	@Test
	void aJavaTaskReturnsAGenericListThroughTheInterface() {
		List<Quote> quotes = application.getBean(JavaTasks.class).quotes("A-7", 3);

		assertThat(quotes).containsExactly(new Quote("A-7", 1, 2.5), new Quote("A-7", 2, 5.0), new Quote("A-7", 3, 7.5));
	}

	@Test
	void aJavaTaskTakesPositionalAndNamedArgumentsTogether() {
		JavaTasks tasks = application.getBean(JavaTasks.class);

		assertThat(tasks.greet("Ada", "fr")).isEqualTo("Bonjour Ada");
		assertThat(tasks.greetAsync("Bo")).succeedsWithin(WAIT).isEqualTo("Hello Bo");
	}

	@Test
	void aJavaFailureArrivesAsTheInterfacesExceptionWithCodeAndData() {
		JavaTasks tasks = application.getBean(JavaTasks.class);

		assertThatExceptionOfType(OrderRefusedException.class).isThrownBy(() -> tasks.refuse("A-8"))
			.withMessage("order A-8 is refused")
			.satisfies((refused) -> {
				TaskFailure failure = refused.failure;
				assertThat(failure.type()).isEqualTo("OrderRefused");
				assertThat(failure.code()).contains("LIMIT");
				assertThat(failure.data().get("order").stringValue()).isEqualTo("A-8");
			});
		assertThat(tasks.tryRefuse("A-9")).isEmpty();
	}

	@Test
	void theRustWorkerServesTheInterfaceByPositionAndByName() {
		RustTasks rust = application.getBean(RustTasks.class);

		assertThat(rust.echo("hello from an interface")).isEqualTo("hello from an interface");
		assertThat(rust.add(1.5, 2)).isEqualTo(3.5);
		assertThat(rust.addAsync(2, 3)).succeedsWithin(WAIT).isEqualTo(5.0);
		TaskHandle handle = rust.submitEcho("later");
		assertThat(handle.await(WAIT).valueAs(String.class)).isEqualTo("later");
	}

	@Test
	void theRustWorkersFailureIsMappedAndOptionsReachTheOrchestrator() {
		RustTasks rust = application.getBean(RustTasks.class);
		TaskCallOptions once = TaskCallOptions.none().retryPolicy(ONCE);

		assertThatExceptionOfType(RustTestFailure.class).isThrownBy(() -> rust.alwaysFail(once))
			.withMessage("This task always fails");
		assertThat(rust.alwaysFailResult(once).failure()).hasValueSatisfying(
				(failure) -> assertThat(failure.type()).isEqualTo("TestError"));
	}

	@Test
	void thePythonWorkerServesTheInterfaceByName() {
		assertThat(application.getBean(PythonTasks.class).greet("Ada", "Hi")).isEqualTo("Hi Ada");
	}

	@Test
	void theClientRefusesAMixedSubmissionForATaskConfiguredToRunOnRustOrPython() {
		AzollaClient client = application.getBean(AzollaClient.class);

		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> client.submitTask("echo").args("hi").kwargs(Map.of("message", "kw")).submit())
			.withMessageContaining("runs on a Rust worker");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> client.submitTask("py_greet").args("Ada").kwargs(Map.of("greeting", "Hi")).submit())
			.withMessageContaining("runs on a Python worker");
	}

	// --- what the peers do with positional and named arguments together -----------------------

	@Test
	void theRustWorkerDropsNamedArgumentsWhenPositionalOnesArePresent() {
		assertThat(raw("echo", "rust", "[\"positional\"]", "{\"message\":\"named\"}").valueAs(String.class))
			.isEqualTo("positional");
		assertThat(raw("count_args", "rust", "[1,2]", "{\"c\":3}").valueAs(Integer.class)).isEqualTo(2);
	}

	@Test
	void theRustMathAddTaskPrefersNamedArgumentsAndDropsThePositionalOnes() {
		// Its own argument parser reads kwargs first: the other way round from the default one.
		assertThat(raw("math_add", "rust", "[1,2]", "{\"a\":10,\"b\":20}").valueAs(Double.class)).isEqualTo(30.0);
		assertThat(raw("math_add", "rust", "[1]", "{\"b\":2}").failure()).hasValueSatisfying(
				(failure) -> assertThat(failure.type()).isEqualTo("InvalidArguments"));
	}

	@Test
	void thePythonWorkerReceivesNamedArgumentsAsOneExtraPositionalArgument() {
		TaskResult untyped = raw("py_describe", "python", "[\"Ada\"]", "{\"suffix\":\"?\"}");
		assertThat(untyped.value().get("name").stringValue()).isEqualTo("Ada");
		assertThat(untyped.value().get("suffix").isObject()).as("the kwargs object bound to the second parameter")
			.isTrue();
		assertThat(untyped.value().get("suffix").get("suffix").stringValue()).isEqualTo("?");

		assertThat(raw("py_greet", "python", "[\"Ada\"]", "{\"greeting\":\"Hi\"}").failure()).hasValueSatisfying(
				(failure) -> assertThat(failure.type()).isEqualTo("ValidationError"));
	}

	@Test
	void namedArgumentsAloneBindOnEveryWorker() {
		assertThat(raw("py_greet", "python", "[]", "{\"name\":\"Ada\",\"greeting\":\"Hi\"}").valueAs(String.class))
			.isEqualTo("Hi Ada");
		assertThat(raw("math_add", "rust", "[]", "{\"a\":1,\"b\":2}").valueAs(Double.class)).isEqualTo(3.0);
		assertThat(application.getBean(JavaTasks.class).greetByName("Chen", "fr")).isEqualTo("Bonjour Chen");
	}

	private static TaskResult raw(String task, String group, String args, String kwargs) {
		return rawClient.submitTask(task).argsJson(args).kwargsJson(kwargs).shepherdGroup(group).submit().await(WAIT);
	}

	/**
	 * A launcher for the Rust shepherd that runs the official Python worker with this test's
	 * task module; the shepherd appends the invocation flags.
	 */
	private static Path pythonLauncher() throws IOException {
		Path launcher = Paths.get("target", "e2e-python-worker").toAbsolutePath();
		Files.createDirectories(launcher.getParent());
		String script = "#!/bin/sh\nPYTHONPATH='" + PYTHON_TASKS + "' exec '" + AzollaCluster.python()
				+ "' -c 'from azolla.cli import worker_main_sync; worker_main_sync()' --task-modules e2e_mixed_tasks \"$@\"\n";
		Files.writeString(launcher, script);
		Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
		return launcher;
	}

	record Quote(String order, int line, double total) {
	}

	@AzollaTaskClient
	@TaskErrorMapping(type = "OrderRefused", exception = OrderRefusedException.class)
	interface JavaTasks {

		@TaskCall("decl_quotes")
		List<Quote> quotes(String order, int lines);

		@TaskCall("decl_greet")
		String greet(String name, @TaskParam("lang") String lang);

		@TaskCall(value = "decl_greet", arguments = ArgumentStyle.NAMED)
		String greetByName(String name, String lang);

		@TaskCall("decl_greet")
		CompletableFuture<String> greetAsync(String name);

		@TaskCall("decl_refuse")
		String refuse(String order);

		@TaskCall("decl_refuse")
		Optional<String> tryRefuse(String order);

	}

	@AzollaTaskClient
	@TaskErrorMapping(type = "TestError", exception = RustTestFailure.class)
	interface RustTasks {

		@TaskCall("echo")
		String echo(String message);

		@TaskCall("echo")
		TaskHandle submitEcho(String message);

		@TaskCall(value = "math_add", arguments = ArgumentStyle.NAMED)
		double add(double a, double b);

		@TaskCall("math_add")
		CompletableFuture<Double> addAsync(double a, double b);

		@TaskCall("always_fail")
		String alwaysFail(TaskCallOptions options);

		@TaskCall("always_fail")
		TaskResult alwaysFailResult(TaskCallOptions options);

	}

	@AzollaTaskClient
	interface PythonTasks {

		@TaskCall(value = "py_greet", arguments = ArgumentStyle.NAMED)
		String greet(String name, String greeting);

	}

	public static class OrderRefusedException extends RuntimeException {

		final TaskFailure failure;

		public OrderRefusedException(TaskFailedException failed) {
			super(failed.getFailure().message(), failed);
			this.failure = failed.getFailure();
		}

	}

	public static class RustTestFailure extends RuntimeException {

		public RustTestFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAzollaTaskClients(clients = { JavaTasks.class, RustTasks.class, PythonTasks.class })
	static class DeclarativeApplication {

		@Bean
		DeclarativeTasks declarativeTasks() {
			return new DeclarativeTasks();
		}

	}

	static class DeclarativeTasks {

		@AzollaTask("decl_quotes")
		List<Quote> quotes(String order, int lines) {
			return java.util.stream.IntStream.rangeClosed(1, lines).mapToObj((line) -> new Quote(order, line, 2.5 * line))
				.toList();
		}

		@AzollaTask("decl_greet")
		String greet(String name, Optional<String> lang) {
			return (lang.filter("fr"::equals).isPresent() ? "Bonjour " : "Hello ") + name;
		}

		@AzollaTask("decl_refuse")
		String refuse(String order) {
			throw new TaskException("order " + order + " is refused").type("OrderRefused").code("LIMIT")
				.data(Map.of("order", order));
		}

	}

}
