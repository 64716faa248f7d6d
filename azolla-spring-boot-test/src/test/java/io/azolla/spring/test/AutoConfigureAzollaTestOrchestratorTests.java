package io.azolla.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.OrchestratorUnavailableException;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static io.azolla.spring.test.AzollaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The kit as an application team uses it: {@code @SpringBootTest} with the annotation, the
 * application's own client and shepherd against the stand-in, and every failure control.
 */
@SpringBootTest(classes = KitTestApplication.class,
		properties = { "azolla.retry.backoff.strategy=fixed", "azolla.retry.backoff.delay=20ms",
				"azolla.worker.reconnect.initial=50ms", "azolla.worker.reconnect.max=200ms",
				"azolla.client.transport-retry.max-attempts=2", "azolla.client.transport-retry.initial-interval=20ms",
				"spring.main.banner-mode=off" })
@AutoConfigureAzollaTestOrchestrator
class AutoConfigureAzollaTestOrchestratorTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private AzollaClient client;

	@Autowired
	private AzollaTestOrchestrator azolla;

	@Autowired
	private KitTestApplication.KitTasks tasks;

	@Autowired
	private ShepherdWorker shepherd;

	@BeforeEach
	void eachTestStartsWithNoTasks() {
		assertThat(this.azolla).hasNoTasks();
	}

	@Test
	void theApplicationsRealClientAndShepherdRunTasksThroughTheStandIn() {
		assertThat(this.client).isInstanceOf(GrpcAzollaClient.class);

		TaskResult result = this.client.submitTask("greet").args("Ada").submit().await(WAIT);

		assertThat(result.value().toString()).isEqualTo("{\"greeting\":\"Hello Ada\",\"name\":\"Ada\"}");
		assertThat(this.azolla).hasSubmitted("greet")
			.withArgs("Ada")
			.withKwargs(Map.of())
			.withRetryPolicy(RetryPolicy.fixed(Duration.ofMillis(20)).build())
			.withoutShepherdGroup()
			.madeAttempts(1)
			.succeededWith(Map.of("name", "Ada", "greeting", "Hello Ada"));
		assertThat(this.azolla).hasShepherdConnectedInGroup("default");
	}

	@Test
	void aTaskMadeToFailTwiceSucceedsOnItsThirdAttemptUnderTheApplicationsPolicy() {
		this.azolla.failAttempts("add", 2, "DatabaseBusy");

		TaskHandle handle = this.client.submitTask("add").args(2, 3).submit();

		assertThat(handle.await(WAIT).valueAs(Long.class)).isEqualTo(5);
		SubmittedTask task = this.azolla.awaitFinished(handle.id(), WAIT);
		assertThat(task).madeAttempts(3).succeededWith(5);
		assertThat(task.attempts()).extracting(SubmittedTask.Attempt::injected).containsExactly(true, true, false);
		assertThat(task.attempts().get(0).errorType()).contains("DatabaseBusy");
		assertThat(this.tasks.runs.get(handle.id())).as("runs on the worker").hasValue(1);
	}

	@Test
	void injectedFailuresBeyondTheAttemptLimitAreTheFinalResult() {
		this.azolla.failAttempts("add", 10, "DatabaseBusy", "still busy");

		TaskResult result = this.client.submitTask("add")
			.args(1, 1)
			.retryPolicy(RetryPolicy.fixed(Duration.ofMillis(10)).maxAttempts(3).build())
			.submit()
			.await(WAIT);

		assertThat(result.failure().orElseThrow().type()).isEqualTo("DatabaseBusy");
		assertThat(this.azolla.awaitFinished(result.taskId(), WAIT)).madeAttempts(3)
			.failedWith("DatabaseBusy")
			.withErrorMessage("still busy")
			.withMaxAttempts(3);
	}

	@Test
	void aNonRetryableErrorFromTheWorkerIsFinalAfterOneAttempt() {
		TaskResult result = this.client.submitTask("refuse").args("TaskValidationError").submit().await(WAIT);

		assertThat(result.failure().orElseThrow().code()).contains("REFUSED");
		assertThat(this.azolla.awaitFinished(result.taskId(), WAIT)).madeAttempts(1).failedWith("TaskValidationError");
	}

	@Test
	void aHeldTaskWaitsUntilReleased() {
		TaskHold hold = this.azolla.hold("add");
		TaskHandle handle = this.client.submitTask("add").args(20, 22).submit();

		assertThat(hold.awaitHeld(1, WAIT)).extracting(SubmittedTask::id).containsExactly(handle.id());
		assertThat(handle.tryResult()).isEmpty();
		assertThat(this.azolla.task(handle.id()).orElseThrow()).isIn(SubmittedTask.State.HELD).madeAttempts(0);

		hold.release();

		assertThat(handle.await(WAIT).valueAs(Long.class)).isEqualTo(42);
	}

	@Test
	void cuttingTheShepherdStreamMakesTheShepherdReconnectAndRunningTasksStillFinish() throws Exception {
		TaskHandle slow = this.client.submitTask("pause").args(500).submit();
		this.azolla.awaitState(slow.id(), SubmittedTask.State.RUNNING, WAIT);

		assertThat(this.azolla.cutShepherdStreams()).isEqualTo(1);

		assertThat(slow.await(WAIT).valueAs(String.class)).isEqualTo("rested");
		this.azolla.awaitShepherd(WAIT);
		assertThat(this.client.submitTask("add").args(1, 2).submit().await(WAIT).valueAs(Long.class)).isEqualTo(3);
		WorkerStats.Connection connection = this.shepherd.stats().connection();
		assertThat(connection.state()).isEqualTo(WorkerStats.ConnectionState.REGISTERED);
		assertThat(connection.reconnects()).isPositive();
		// The shepherd keeps its uuid across reconnects, so the stand-in knows it once, connected.
		assertThat(this.azolla.shepherds()).singleElement()
			.satisfies((known) -> assertThat(known.uuid()).isEqualTo(connection.shepherdUuid()))
			.satisfies((known) -> assertThat(known.connected()).isTrue());
	}

	@Test
	void anUnavailableOrchestratorIsReportedToTheCallerAndTheApplicationRecovers() {
		this.azolla.makeUnavailable();

		assertThatExceptionOfType(OrchestratorUnavailableException.class)
			.isThrownBy(() -> this.client.submitTask("add").args(1, 1).submit())
			.satisfies((ex) -> assertThat(ex.isOutcomeUnknown()).isFalse());

		this.azolla.makeAvailable();
		this.azolla.awaitShepherd(WAIT);
		assertThat(this.client.submitTask("add").args(4, 4).submit().await(WAIT).valueAs(Long.class)).isEqualTo(8);
	}

	@Test
	void manyTasksAreEachRunOnce() {
		List<TaskHandle> handles = java.util.stream.IntStream.range(0, 50)
			.mapToObj((i) -> this.client.submitTask("add").args(i, i).submit())
			.toList();

		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).await(WAIT).valueAs(Long.class)).isEqualTo(2L * i);
		}
		assertThat(this.azolla).hasSubmitted("add", 50);
		assertThat(this.azolla.tasks("add")).allSatisfy((task) -> assertThat(task).madeAttempts(1).succeeded());
	}

}
