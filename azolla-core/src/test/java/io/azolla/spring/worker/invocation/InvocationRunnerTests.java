package io.azolla.spring.worker.invocation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.shepherd.ReportResultRequest;
import io.azolla.proto.shepherd.ReportResultResponse;
import io.azolla.proto.shepherd.WorkerGrpc;
import io.azolla.spring.retry.TransportRetry;
import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskException;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.worker.TaskExecutionListener;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Contract tests of invocation mode: the exact {@code ReportResultRequest} a worker process
 * sends to an in-process fake of the shepherd's {@code Worker} service, and its exit code.
 */
class InvocationRunnerTests {

	private static final String ID = "3f2b1c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final List<ReportResultRequest> reports = new CopyOnWriteArrayList<>();

	private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

	private volatile Status rejection;

	private Server server;

	private InvocationRunner runner;

	private TaskInvoker invoker;

	private String serverName;

	@BeforeEach
	void startShepherd() throws Exception {
		this.serverName = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(this.serverName)
			.directExecutor()
			.addService(new WorkerGrpc.WorkerImplBase() {

				@Override
				public void reportResult(ReportResultRequest request, StreamObserver<ReportResultResponse> observer) {
					if (InvocationRunnerTests.this.rejection != null) {
						observer.onError(InvocationRunnerTests.this.rejection.asRuntimeException());
						return;
					}
					InvocationRunnerTests.this.reports.add(request);
					observer.onNext(ReportResultResponse.newBuilder().setSuccess(true).setMessage("ok").build());
					observer.onCompleted();
				}

			})
			.build()
			.start();
		TaskRegistry registry = new TaskRegistry();
		Tasks tasks = new Tasks();
		registry.register(TaskDefinition.forMethod("greet", tasks, Tasks.class.getDeclaredMethod("greet", String.class, int.class)));
		registry.register(TaskDefinition.forMethod("reject", tasks, Tasks.class.getDeclaredMethod("reject", String.class)));
		registry.register(TaskDefinition.forMethod("sleep", tasks, Tasks.class.getDeclaredMethod("sleep")));
		this.invoker = new TaskInvoker(registry, this.mapper);
		this.runner = new InvocationRunner(this.invoker, this.mapper,
				(name) -> name.equals("sleep") ? Duration.ofMillis(200) : Duration.ofMinutes(1),
				(endpoint) -> InProcessChannelBuilder.forName(this.serverName).directExecutor().build(),
				TransportRetry.none(), new PrintStream(this.errors, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void stopShepherd() {
		this.server.shutdownNow();
	}

	@Test
	void successfulTaskReportsItsValueOnceAndExitsZero() {
		int exit = this.runner.run(argv("greet", "[\"Alice\",25]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.SUCCESS);
		ReportResultRequest report = onlyReport();
		assertThat(report.getTaskId()).isEqualTo(ID);
		assertThat(report.getResult().getTaskId()).isEqualTo(ID);
		assertThat(report.getResult().getSuccess().getResult())
			.isEqualTo(AnyValue.newBuilder().setStringValue("Hello Alice (25)").build());
	}

	@Test
	void pythonStyleSingleObjectArgumentBindsByName() {
		int exit = this.runner.run(argv("greet", "[{\"age\":30,\"name\":\"Bob\"}]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.SUCCESS);
		assertThat(onlyReport().getResult().getSuccess().getResult().getStringValue()).isEqualTo("Hello Bob (30)");
	}

	@Test
	void failingTaskReportsItsErrorAndExitsOne() {
		int exit = this.runner.run(argv("reject", "[\"x\"]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.TASK_FAILED);
		ErrorResult error = onlyReport().getResult().getError();
		assertThat(error.getType()).isEqualTo("PaymentDeclined");
		assertThat(error.getMessage()).isEqualTo("card x declined");
		assertThat(error.getData()).isEqualTo("{\"code\":\"DECLINED\"}");
		assertThat(error.getRetriable()).isFalse();
	}

	@Test
	void unknownTaskReportsTaskNotFound() {
		int exit = this.runner.run(argv("nope", "[]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.TASK_FAILED);
		ErrorResult error = onlyReport().getResult().getError();
		assertThat(error.getType()).isEqualTo("TaskNotFound");
		assertThat(error.getRetriable()).isFalse();
	}

	@Test
	void listenersSeeOneSharedNameForATaskThatIsNotRegistered() {
		List<String> names = new CopyOnWriteArrayList<>();
		TaskExecutionListener listener = new TaskExecutionListener() {

			@Override
			public void taskStarted(String taskId, String taskName) {
				names.add("started " + taskName);
			}

			@Override
			public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
				names.add("completed " + taskName);
			}

		};
		InvocationRunner observed = new InvocationRunner(this.invoker, this.mapper, (name) -> Duration.ofMinutes(1),
				(endpoint) -> InProcessChannelBuilder.forName(this.serverName).directExecutor().build(),
				TransportRetry.none(), new PrintStream(this.errors, true, StandardCharsets.UTF_8), List.of(listener));

		assertThat(observed.run(argv("made_up_" + UUID.randomUUID(), "[]", "{}")))
			.isEqualTo(InvocationRunner.TASK_FAILED);
		assertThat(observed.run(argv("greet", "[\"Alice\",25]", "{}"))).isEqualTo(InvocationRunner.SUCCESS);

		assertThat(names).containsExactly("started " + TaskExecutionListener.UNREGISTERED,
				"completed " + TaskExecutionListener.UNREGISTERED, "started greet", "completed greet");
	}

	@Test
	void unbindableArgumentsReportValidationErrorNamingTheParameter() {
		int exit = this.runner.run(argv("greet", "[\"Alice\",\"old\"]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.TASK_FAILED);
		ErrorResult error = onlyReport().getResult().getError();
		assertThat(error.getType()).isEqualTo("ValidationError");
		assertThat(error.getMessage()).contains("age");
		assertThat(error.getRetriable()).isFalse();
	}

	@Test
	void taskRunningPastItsTimeoutReportsTimeoutError() {
		int exit = this.runner.run(argv("sleep", "[]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.TASK_FAILED);
		ErrorResult error = onlyReport().getResult().getError();
		assertThat(error.getType()).isEqualTo("TaskTimeoutError");
		assertThat(error.getRetriable()).isTrue();
	}

	@Test
	void theTimeLimitCountsFromTheJvmsStartSoTheShepherdNeverKillsTheProcessFirst() {
		// 299.7 s after the JVM started, a task with a one-minute limit of its own has only what
		// is left of the 300 s the Rust shepherd allows the process.
		InvocationRunner late = new InvocationRunner(this.invoker, this.mapper, (name) -> Duration.ofMinutes(1),
				(endpoint) -> InProcessChannelBuilder.forName(this.serverName).directExecutor().build(),
				TransportRetry.none(), new PrintStream(this.errors, true, StandardCharsets.UTF_8), List.of(),
				Duration.ofSeconds(300), () -> Duration.ofMillis(299_700).toNanos());

		int exit = late.run(argv("sleep", "[]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.TASK_FAILED);
		assertThat(onlyReport().getResult().getError().getType()).isEqualTo("TaskTimeoutError");
		assertThat(late.limitFor("sleep")).isEqualTo(Duration.ofMillis(300));
		assertThat(InvocationRunner.PROCESS_LIMIT).isLessThan(Duration.ofSeconds(300));
	}

	@Test
	void theProcessLimitKeepsATenthOfTheShepherdsTimeoutForReportingButNoMoreThanFifteenSeconds() {
		assertThat(InvocationRunner.processLimit(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(285));
		assertThat(InvocationRunner.PROCESS_LIMIT).isEqualTo(Duration.ofSeconds(285));
		assertThat(InvocationRunner.processLimit(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(54));
		assertThat(InvocationRunner.processLimit(Duration.ofSeconds(1000))).isEqualTo(Duration.ofSeconds(985));
		assertThatIllegalArgumentException().isThrownBy(() -> InvocationRunner.processLimit(Duration.ZERO));
	}

	@Test
	void theShepherdsTimeoutIsReadFromTheEnvironmentItPassesOn() {
		assertThat(InvocationRunner.shepherdTimeout(Map.of("AZOLLA_WORKER_TIMEOUT", "120")::get))
			.isEqualTo(Duration.ofSeconds(120));
		assertThat(InvocationRunner.shepherdTimeout(Map.of("AZOLLA_WORKER_TIMEOUT", "+45")::get))
			.isEqualTo(Duration.ofSeconds(45));
		assertThat(InvocationRunner.shepherdTimeout(Map.<String, String>of()::get)).isEqualTo(Duration.ofSeconds(300));
		assertThat(InvocationRunner.shepherdTimeout(Map.of("AZOLLA_WORKER_TIMEOUT", "2m")::get))
			.as("not a number, which the shepherd ignores too")
			.isEqualTo(Duration.ofSeconds(300));
		assertThat(InvocationRunner.shepherdTimeout(Map.of("AZOLLA_WORKER_TIMEOUT", "0")::get))
			.isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void aShorterShepherdTimeoutCutsTheLimitOfATaskWithALongerOneOfItsOwn() {
		InvocationRunner shortLived = new InvocationRunner(this.invoker, this.mapper, (name) -> Duration.ofMinutes(10),
				(endpoint) -> InProcessChannelBuilder.forName(this.serverName).directExecutor().build(),
				TransportRetry.none(), new PrintStream(this.errors, true, StandardCharsets.UTF_8), List.of(),
				Duration.ofSeconds(60));

		assertThat(shortLived.limitFor("greet")).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(54));
	}

	@Test
	void argsThatAreNotAnArrayExitTwoAndStillReportValidationError() {
		int exit = this.runner.run(argv("greet", "{\"name\":\"Alice\"}", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.INVALID_INVOCATION);
		assertThat(stderr()).contains("--args must be a JSON array");
		ErrorResult error = onlyReport().getResult().getError();
		assertThat(error.getType()).isEqualTo("ValidationError");
		assertThat(error.getRetriable()).isFalse();
		assertThat(error.getData()).contains("VALIDATION_ERROR");
	}

	@Test
	void malformedKwargsExitTwo() {
		int exit = this.runner.run(argv("greet", "[]", "{oops"));

		assertThat(exit).isEqualTo(InvocationRunner.INVALID_INVOCATION);
		assertThat(stderr()).contains("--kwargs is not valid JSON");
		assertThat(onlyReport().getResult().getError().getType()).isEqualTo("ValidationError");
	}

	@Test
	void invalidTaskIdExitsTwoWithoutReporting() {
		int exit = this.runner.run(new String[] { "--task-id", "not-a-uuid", "--name", "greet", "--shepherd-endpoint",
				"http://127.0.0.1:50052" });

		assertThat(exit).isEqualTo(InvocationRunner.INVALID_INVOCATION);
		assertThat(stderr()).contains("--task-id 'not-a-uuid' is not a UUID");
		assertThat(this.reports).isEmpty();
	}

	@Test
	void missingNameExitsTwoAndReportsValidationError() {
		int exit = this.runner.run(new String[] { "--task-id", ID, "--shepherd-endpoint", "http://127.0.0.1:50052" });

		assertThat(exit).isEqualTo(InvocationRunner.INVALID_INVOCATION);
		assertThat(stderr()).contains("--name is missing");
		assertThat(onlyReport().getResult().getError().getType()).isEqualTo("ValidationError");
	}

	@Test
	void equalsFormAndForeignArgumentsAreAccepted() {
		int exit = this.runner.run(new String[] { "--spring.profiles.active=worker", "--task-id=" + ID, "--name=greet",
				"--args=[\"Eve\",3]", "--shepherd-endpoint=http://127.0.0.1:50052" });

		assertThat(exit).isEqualTo(InvocationRunner.SUCCESS);
		assertThat(onlyReport().getResult().getSuccess().getResult().getStringValue()).isEqualTo("Hello Eve (3)");
	}

	@Test
	void rejectedReportExitsThree() {
		this.rejection = Status.INVALID_ARGUMENT.withDescription("Task ID mismatch");

		int exit = this.runner.run(argv("greet", "[\"Alice\",25]", "{}"));

		assertThat(exit).isEqualTo(InvocationRunner.REPORT_FAILED);
		assertThat(stderr()).contains("Could not report the result of task " + ID).contains("Task ID mismatch");
	}

	private ReportResultRequest onlyReport() {
		assertThat(this.reports).hasSize(1);
		return this.reports.get(0);
	}

	private String stderr() {
		return this.errors.toString(StandardCharsets.UTF_8);
	}

	private static String[] argv(String name, String args, String kwargs) {
		return new String[] { "--task-id", ID, "--name", name, "--args", args, "--kwargs", kwargs,
				"--shepherd-endpoint", "http://127.0.0.1:50052" };
	}

	static class Tasks {

		String greet(String name, int age) {
			return "Hello " + name + " (" + age + ")";
		}

		String reject(String card) {
			throw new TaskException("card " + card + " declined").type("PaymentDeclined").code("DECLINED").retryable(false);
		}

		void sleep() throws InterruptedException {
			Thread.sleep(60_000);
		}

	}

}
