package io.azolla.spring.client.grpc;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskStatus;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.OrchestratorUnavailableException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.WaitSchedule;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.TransportRetry;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a wait mixes probes ({@code timeout_ms = 0}, answered at once) with the orchestrator's
 * long poll, against an in-process fake of the ClientService. No timing is asserted: the fake
 * decides which kind of call may see the result, and the tests check which calls were made.
 */
class GrpcTaskHandleWaitTests {

	private static final String ID = FakeClientService.TASK_ID;

	private static final WaitForTaskResponse RUNNING = FakeClientService
		.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);

	private static final WaitForTaskResponse DONE = WaitForTaskResponse.newBuilder()
		.setStatusCode(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_COMPLETED)
		.setSuccess(SuccessResult.newBuilder().setResult(AnyValue.newBuilder().setStringValue("done")))
		.build();

	/** Probes from 1 ms apart, for up to a minute: a test never reaches the long poll by time. */
	private static final WaitSchedule PROBE_FOR_A_MINUTE = new WaitSchedule(Duration.ofMillis(1), 1.0,
			Duration.ofMinutes(1), 100_000, 100);

	private final FakeClientService service = new FakeClientService();

	private final AtomicLong nanoClock = new AtomicLong();

	private final List<GrpcAzollaClient> clients = new java.util.ArrayList<>();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void startServer() throws IOException {
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name).directExecutor().addService(this.service).build().start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
	}

	@AfterEach
	void stopServer() {
		this.clients.forEach(GrpcAzollaClient::close);
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

	@Test
	void finishedTaskIsSeenByAProbeWithoutWaitingForALongPollToEnd() {
		this.service.holdLongPolls = true;
		this.service.answerWaits(RUNNING, RUNNING, DONE);

		TaskResult result = client(PROBE_FOR_A_MINUTE).taskHandle(ID).await(Duration.ofSeconds(30));

		assertThat(result.valueAs(String.class)).isEqualTo("done");
		assertThat(this.service.waits).hasSize(3).allSatisfy((wait) -> assertThat(wait.getTimeoutMs()).isZero());
	}

	@Test
	void waitingForeverAsynchronouslyWaitsInsteadOfFailingOnTheDurationsSize() throws Exception {
		this.service.answerWaits(RUNNING, DONE);

		CompletableFuture<TaskResult> future = client(PROBE_FOR_A_MINUTE).taskHandle(ID)
			.resultAsync(ChronoUnit.FOREVER.getDuration());

		assertThat(future.get(30, TimeUnit.SECONDS).valueAs(String.class)).isEqualTo("done");
	}

	@Test
	void longTaskFallsBackToLongPollsOnceTheProbePhaseIsOver() {
		AtomicInteger longPolls = new AtomicInteger();
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0 || longPolls.incrementAndGet() < 2)
				? RUNNING : DONE);
		// Probes 1, 3, 7, 15 and 31 ms after the start fit in 40 ms; the next would not.
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(1), 2.0, Duration.ofMillis(40), 100_000, 100);

		TaskResult result = client(schedule).taskHandle(ID).await(Duration.ofSeconds(30));

		assertThat(result.valueAs(String.class)).isEqualTo("done");
		List<Long> asked = this.service.waits.stream().map(WaitForTaskRequest::getTimeoutMs).toList();
		int firstLongPoll = firstLongPoll(asked);
		assertThat(firstLongPoll).as("probes before the first long poll in %s", asked).isBetween(1, 5);
		assertThat(asked.subList(firstLongPoll, asked.size())).hasSize(2)
			.allSatisfy((millis) -> assertThat(millis).isBetween(1L, Duration.ofSeconds(30).toMillis()));
	}

	@Test
	void taskNameWhoseWaitsOutlivedTheProbePhaseLongPollsFromTheStart() {
		// Probes never see the result; the first long poll of each wait does.
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0) ? RUNNING : DONE);
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 100_000, 100);
		GrpcAzollaClient client = client(schedule);

		List<Long> probesPerWait = new java.util.ArrayList<>();
		for (int i = 0; i < 3 + LongTaskMemory.PROBE_ONE_IN; i++) {
			long before = this.service.probes();
			assertThat(client.submitTask("nightly-report").submit().await(Duration.ofSeconds(30)).valueAs(String.class))
				.isEqualTo("done");
			probesPerWait.add(this.service.probes() - before);
		}

		// Three waits in a row outlive the phase; then seven long-poll at once and the eighth probes again.
		assertThat(probesPerWait.subList(0, 3)).as("probes per wait %s", probesPerWait).allSatisfy((probes) -> assertThat(probes).isPositive());
		assertThat(probesPerWait.subList(3, 3 + LongTaskMemory.PROBE_ONE_IN - 1)).as("probes per wait %s", probesPerWait).containsOnly(0L);
		assertThat(probesPerWait.get(3 + LongTaskMemory.PROBE_ONE_IN - 1)).as("probes per wait %s", probesPerWait).isPositive();
	}

	@Test
	void longTaskNameThatBecameQuickIsProbedAgain() {
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0) ? RUNNING : DONE);
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 100_000, 100);
		GrpcAzollaClient client = client(schedule);
		for (int i = 0; i < 3 + LongTaskMemory.PROBE_ONE_IN - 1; i++) {
			client.submitTask("nightly-report").submit().await(Duration.ofSeconds(30));
		}

		// Now the task is quick: the checking wait's first probe sees the result.
		this.service.answerWaits(DONE);
		client.submitTask("nightly-report").submit().await(Duration.ofSeconds(30));
		long before = this.service.probes();
		client.submitTask("nightly-report").submit().await(Duration.ofSeconds(30));

		assertThat(this.service.probes() - before).isEqualTo(1);
		assertThat(this.service.waits.get(this.service.waits.size() - 1).getTimeoutMs()).isZero();
	}

	@Test
	void waitsOfOtherTaskNamesAndOfHandlesByIdKeepProbing() {
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0) ? RUNNING : DONE);
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 100_000, 100);
		GrpcAzollaClient client = client(schedule);
		for (int i = 0; i < 4; i++) {
			client.submitTask("nightly-report").submit().await(Duration.ofSeconds(30));
		}

		long before = this.service.probes();
		client.submitTask("thumbnail").submit().await(Duration.ofSeconds(30));
		long afterOtherName = this.service.probes();
		client.taskHandle(ID).await(Duration.ofSeconds(30));

		assertThat(afterOtherName - before).isPositive();
		assertThat(this.service.probes() - afterOtherName).isPositive();
	}

	@Test
	void scheduleThatForgetsLongTasksProbesEveryWait() {
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0) ? RUNNING : DONE);
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(1), 2.0, Duration.ofMillis(10), 100_000, 100, false);
		GrpcAzollaClient client = client(schedule);

		for (int i = 0; i < 5; i++) {
			long before = this.service.probes();
			client.submitTask("nightly-report").submit().await(Duration.ofSeconds(30));
			assertThat(this.service.probes() - before).as("probes of wait %d", i + 1).isPositive();
		}
	}

	@Test
	void unknownTaskIsReportedAsNotFoundByTheLongPollAfterTheProbes() {
		// The orchestrator answers a probe for an id it does not know with TIMEOUT.
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0) ? RUNNING
				: FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TASK_NOT_FOUND));
		WaitSchedule schedule = new WaitSchedule(Duration.ofMillis(1), 2.0, Duration.ofMillis(20), 100_000, 100);

		assertThatExceptionOfType(TaskNotFoundException.class)
			.isThrownBy(() -> client(schedule).taskHandle(ID).await(Duration.ofSeconds(30)))
			.withMessageContaining(ID);
		assertThat(this.service.probes()).isPositive();
	}

	@Test
	void waitShorterThanTheProbePhaseEndsWithAWaitTimeout() {
		this.service.answerWaits(RUNNING);

		assertThatExceptionOfType(TaskWaitTimeoutException.class)
			.isThrownBy(() -> client(PROBE_FOR_A_MINUTE).taskHandle(ID).await(Duration.ofMillis(50)))
			.satisfies((ex) -> assertThat(ex.getWaited()).isEqualTo(Duration.ofMillis(50)));
		assertThat(this.service.probes()).isPositive();
	}

	@Test
	void cancellingAWaitCancelsTheProbeInFlightAndSendsNoMore() throws Exception {
		this.service.holdWaits = true;

		CompletableFuture<TaskResult> future = client(PROBE_FOR_A_MINUTE).taskHandle(ID)
			.resultAsync(Duration.ofSeconds(30));
		assertThat(this.service.waitArrived.await(5, TimeUnit.SECONDS)).isTrue();
		future.cancel(true);

		assertThat(this.service.waitCancelled.await(5, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
		assertThat(this.service.waits).singleElement().satisfies((wait) -> assertThat(wait.getTimeoutMs()).isZero());
	}

	@Test
	void failedProbeIsRetriedAsAProbe() {
		this.service.failWaits(Status.UNAVAILABLE.withDescription("connection reset"));
		this.service.answerWaits(DONE);

		TaskResult result = client(PROBE_FOR_A_MINUTE).taskHandle(ID).await(Duration.ofSeconds(30));

		assertThat(result.valueAs(String.class)).isEqualTo("done");
		assertThat(this.service.waits).hasSize(2).allSatisfy((wait) -> assertThat(wait.getTimeoutMs()).isZero());
	}

	@Test
	void probeFailingOnEveryAttemptEndsTheWaitAsUnavailable() {
		this.service.failWaits(Status.UNAVAILABLE, Status.UNAVAILABLE, Status.UNAVAILABLE);

		assertThatExceptionOfType(OrchestratorUnavailableException.class)
			.isThrownBy(() -> client(PROBE_FOR_A_MINUTE).taskHandle(ID).await(Duration.ofSeconds(30)))
			.withMessageContaining(ID);
		assertThat(this.service.waits).hasSize(3);
	}

	@Test
	void allWaitsOfOneClientShareTheProbeBudget() {
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0) ? RUNNING : DONE);
		// 10 probes a second hold one probe at a time; the test's clock stands still.
		GrpcAzollaClient client = client(new WaitSchedule(Duration.ofMillis(1), 1.0, Duration.ofMinutes(1), 10, 100));

		for (int i = 0; i < 3; i++) {
			assertThat(client.taskHandle(ID).await(Duration.ofSeconds(30)).valueAs(String.class)).isEqualTo("done");
		}
		assertThat(this.service.probes()).isEqualTo(1);
		assertThat(this.service.waits).hasSize(4);

		this.nanoClock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
		client.taskHandle(ID).await(Duration.ofSeconds(30));

		assertThat(this.service.probes()).isEqualTo(2);
	}

	@Test
	void waitBegunWhileTheClientHasTooManyOpenWaitsLongPollsAtOnce() throws Exception {
		this.service.holdLongPolls = true;
		this.service.answerWaits(RUNNING);
		GrpcAzollaClient client = client(new WaitSchedule(Duration.ofMillis(1), 1.0, Duration.ofMinutes(1), 100_000, 1));

		CompletableFuture<TaskResult> first = client.taskHandle(ID).resultAsync(Duration.ofSeconds(30));
		assertThat(this.service.waitArrived.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<TaskResult> second = client.taskHandle(ID).resultAsync(Duration.ofSeconds(30));
		assertThat(this.service.longPollArrived.await(5, TimeUnit.SECONDS)).isTrue();
		first.cancel(true);
		second.cancel(true);

		assertThat(this.service.probes()).isPositive();
		assertThat(this.service.waits).filteredOn((wait) -> wait.getTimeoutMs() > 0).hasSize(1);
	}

	@Test
	void scheduleWithoutProbesOnlyLongPolls() {
		this.service.answerWaits(RUNNING, DONE);

		client(WaitSchedule.longPollOnly()).taskHandle(ID).await(Duration.ofSeconds(30));

		assertThat(this.service.waits).hasSize(2)
			.allSatisfy((wait) -> assertThat(wait.getTimeoutMs()).isBetween(1L, Duration.ofSeconds(30).toMillis()));
	}

	@Test
	void tryResultIsOneProbeWhateverTheBudget() {
		this.service.answerWaits(RUNNING);
		GrpcAzollaClient client = client(WaitSchedule.longPollOnly());

		assertThat(client.taskHandle(ID).tryResult()).isEmpty();
		assertThat(this.service.waits).singleElement().satisfies((wait) -> assertThat(wait.getTimeoutMs()).isZero());
	}

	private GrpcAzollaClient client(WaitSchedule schedule) {
		AzollaClientSettings settings = AzollaClientSettings.defaults()
			.withTransportRetry(new TransportRetry(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20)))
			.withWaitSchedule(schedule);
		GrpcAzollaClient client = new GrpcAzollaClient(this.channel, settings, TaskDefaults.of(RetryPolicy.defaults()),
				JsonMapper.builder().build(), ClientObserver.NONE, this.nanoClock::get);
		this.clients.add(client);
		return client;
	}

	private static int firstLongPoll(List<Long> asked) {
		for (int i = 0; i < asked.size(); i++) {
			if (asked.get(i) > 0) {
				return i;
			}
		}
		return asked.size();
	}

}
