package io.azolla.spring.worker.shepherd;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.Ping;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.AzollaThreads;
import io.azolla.spring.worker.Poll;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.TestTasks;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.WorkerStats.ConnectionState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol contract tests for {@link ShepherdWorker} against an in-process ClusterService.
 */
class ShepherdWorkerTests {

	private final FakeClusterService service = new FakeClusterService();

	private final TestTasks tasks = new TestTasks();

	private final String serverName = InProcessServerBuilder.generateName();

	private final WorkerStats stats = new WorkerStats();

	private Server server;

	private ManagedChannel channel;

	private ExecutorService taskThreads;

	private ShepherdWorker worker;

	@BeforeEach
	void setUp() {
		this.channel = InProcessChannelBuilder.forName(this.serverName).build();
		this.taskThreads = AzollaThreads.newCachedPool("test-task-");
	}

	@AfterEach
	void tearDown() {
		this.tasks.gate.countDown();
		this.tasks.release.countDown();
		if (this.worker != null && this.worker.isRunning()) {
			this.worker.stop();
		}
		this.channel.shutdownNow();
		if (this.server != null) {
			this.server.shutdownNow();
		}
		this.taskThreads.shutdownNow();
	}

	@Test
	void helloIsSentFirstAndOnceThenStatus() throws Exception {
		startServer();
		startWorker(3);
		List<ClientMsg> first = awaitRegistration(0);
		Hello hello = first.get(0).getHello();
		assertThat(UUID.fromString(hello.getShepherdUuid()).toString()).isEqualTo(hello.getShepherdUuid());
		assertThat(hello.getMaxConcurrency()).isEqualTo(3);
		assertThat(hello.getDomain()).isEqualTo("test");
		assertThat(hello.getShepherdGroup()).isEqualTo("g1");
		assertThat(first.get(1).getStatus()).isEqualTo(status(0, 3));
		assertThat(this.service.matching(ClientMsg::hasHello)).hasSize(1);
		assertThat(this.stats.connection().state()).isEqualTo(ConnectionState.REGISTERED);
		assertThat(this.stats.connection().shepherdUuid()).isEqualTo(hello.getShepherdUuid());
	}

	@Test
	void aServerGoingAwayGracefullyMakesTheWorkerLetGoOfItsStreamAndComeBack() throws Exception {
		startServer();
		startWorker(1);
		awaitRegistration(0);

		// A graceful shutdown keeps open streams alive; only the connection's state tells.
		this.server.shutdown();

		assertThat(this.server.awaitTermination(10, TimeUnit.SECONDS)).as("the server could finish stopping").isTrue();
		Poll.until("the worker noticed", () -> this.stats.connection().state() != WorkerStats.ConnectionState.REGISTERED);
		// Half-closed, not cancelled: results still buffered by gRPC reach the server.
		assertThat(this.service.stream(0).halfClosedByClient).isTrue();
		assertThat(this.service.stream(0).failedByClient).isNull();
		startServer();
		awaitRegistration(1);
	}

	@Test
	void aRunningWorkerKeepsTheJvmAliveUntilItStops() throws Exception {
		startServer();
		startWorker(1);
		awaitRegistration(0);
		assertThat(keepAliveThreads()).singleElement().satisfies((thread) -> assertThat(thread.isDaemon()).isFalse());

		this.worker.stop();

		Poll.until("the keep-alive thread ends", () -> keepAliveThreads().isEmpty());
	}

	private static List<Thread> keepAliveThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("azolla-shepherd-keep-alive") && thread.isAlive())
			.toList();
	}

	@Test
	void statusFollowsTheLoadAndStaysConsistent() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		push(0, "blocking", "[\"a\"]");
		awaitStatus(status(1, 1));
		push(0, "blocking", "[\"b\"]");
		push(0, "blocking", "[\"c\"]");
		awaitStatus(status(2, 0));
		this.tasks.gate.countDown();
		Poll.until("three results", () -> this.service.results().size() == 3);
		awaitStatus(status(0, 2));
		assertThat(this.service.statuses()).allSatisfy((status) -> {
			assertThat(status.getCurrentLoad() + status.getAvailableCapacity()).isEqualTo(2);
			assertThat(status.getCurrentLoad()).isLessThanOrEqualTo(2);
		});
	}

	@Test
	void statusIsRepeatedEveryInterval() throws Exception {
		startServer();
		this.worker = new ShepherdWorker(this.channel, settings(2, Duration.ofMillis(100)), invoker(),
				this.taskThreads, this.stats);
		this.worker.start();
		Poll.until("three periodic statuses", () -> this.service.statuses().size() >= 4);
		assertThat(this.service.statuses()).allSatisfy((status) -> assertThat(status).isEqualTo(status(0, 2)));
	}

	@Test
	void tasksBeyondCapacityAreQueuedAndAllAnswered() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		for (int i = 0; i < 5; i++) {
			push(0, "gated", "[\"t" + i + "\"]");
		}
		Poll.until("two tasks inside and three queued",
				() -> this.tasks.active.get() == 2 && this.stats.capacity().queued() == 3);
		this.tasks.gate.countDown();
		Poll.until("five results", () -> this.service.results().size() == 5);
		assertThat(this.service.results()).allSatisfy((result) -> assertThat(result.hasSuccess()).isTrue());
		assertThat(this.tasks.mostActive.get()).isEqualTo(2);
		assertThat(this.stats.task("gated").orElseThrow().successes()).isEqualTo(5);
	}

	@Test
	void resultOfATaskRunningWhenTheStreamDropsIsDeliveredOnceAfterTheNextHello() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "blocking", "[\"survivor\"]");
		Poll.until("the task runs", () -> this.tasks.blockingRuns.get() == 1);
		this.service.rejecting = true;
		this.service.stream(0).fail();
		Poll.until("the worker notices", () -> this.stats.connection().state() != ConnectionState.REGISTERED);
		this.tasks.gate.countDown();
		Poll.until("the result waits in the outbox", () -> this.worker.undeliveredResults() == 1);
		this.service.rejecting = false;
		Poll.until("the result is delivered", () -> this.service.resultsFor(id).size() == 1);
		int resultIndex = this.service.indexOf((message) -> message.hasTaskResult());
		int stream = this.service.received.get(resultIndex).stream();
		assertThat(stream).isPositive();
		assertThat(this.service.messages(stream).get(0).hasHello()).isTrue();
		assertThat(this.service.messages(0)).noneMatch(ClientMsg::hasTaskResult);
		pushBarrier(stream);
		assertThat(this.service.resultsFor(id)).hasSize(1);
		assertThat(this.service.resultsFor(id).get(0).getSuccess().getResult().getStringValue()).isEqualTo("survivor");
	}

	@Test
	void cleanCloseByTheServerLeadsToANewRegistrationUnderTheSameUuid() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		this.service.stream(0).complete();
		awaitRegistration(1);
		List<FakeClusterService.Received> hellos = hellos();
		assertThat(hellos).hasSize(2);
		assertThat(hellos.get(0).stream()).isZero();
		assertThat(hellos.get(1).stream()).isEqualTo(1);
		assertThat(hellos.get(1).message().getHello().getShepherdUuid())
			.isEqualTo(hellos.get(0).message().getHello().getShepherdUuid());
		assertThat(this.stats.connection().reconnects()).isEqualTo(1);
		String id = push(1, "echo", "[\"again\"]");
		Poll.until("the result on the new stream", () -> this.service.resultsFor(id).size() == 1);
	}

	@Test
	void aSlowTaskDoesNotHoldUpReading() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String slow = push(0, "blocking", "[\"slow\"]");
		this.service.stream(0).push(ServerMsg.newBuilder().setPing(Ping.newBuilder().setTimestamp(1)).build());
		String fast = push(0, "echo", "[\"fast\"]");
		Poll.until("the fast result", () -> this.service.resultsFor(fast).size() == 1);
		assertThat(this.service.resultsFor(slow)).isEmpty();
		this.tasks.gate.countDown();
		Poll.until("the slow result", () -> this.service.resultsFor(slow).size() == 1);
		assertThat(this.service.results()).extracting(TaskResult::getTaskId).containsExactly(fast, slow);
	}

	@Test
	void stopReportsZeroCapacityFinishesRunningAndQueuedTasksAndReturnsLateOnes() throws Exception {
		startServer();
		startWorker(1);
		awaitRegistration(0);
		String running = push(0, "blocking", "[\"in-flight\"]");
		String queued = push(0, "blocking", "[\"queued\"]");
		Poll.until("one running, one queued", () -> this.stats.capacity().queued() == 1);
		CountDownLatch stopped = new CountDownLatch(1);
		int beforeStop = this.service.received.size();
		this.worker.stop(stopped::countDown);
		int zeroCapacity = Poll.until("a zero-capacity Status after stop began",
				() -> indexOfStatusFrom(beforeStop, status(1, 0)), (index) -> index >= 0);
		String late = push(0, "echo", "[\"late\"]");
		Poll.until("the late task is returned", () -> this.service.resultsFor(late).size() == 1);
		assertThat(this.service.resultsFor(running)).isEmpty();
		assertThat(this.service.resultsFor(queued)).isEmpty();
		this.tasks.gate.countDown();
		assertThat(stopped.await(20, TimeUnit.SECONDS)).isTrue();
		assertShutdownError(this.service.resultsFor(late).get(0));
		assertThat(this.service.resultsFor(running)).singleElement()
			.satisfies((result) -> assertThat(result.getSuccess().getResult().getStringValue()).isEqualTo("in-flight"));
		assertThat(this.service.resultsFor(queued)).as("the queued task ran in the slot freed while stopping")
			.singleElement()
			.satisfies((result) -> assertThat(result.getSuccess().getResult().getStringValue()).isEqualTo("queued"));
		int lastResult = this.service.indexOf((message) -> message.hasTaskResult()
				&& message.getTaskResult().getTaskId().equals(running));
		assertThat(zeroCapacity).isLessThan(lastResult);
		assertThat(this.service.stream(0).halfClosedByClient).isTrue();
		assertThat(this.worker.isRunning()).isFalse();
		assertThat(this.stats.connection().state()).isEqualTo(ConnectionState.DISCONNECTED);
		assertThat(this.tasks.blockingRuns.get()).isEqualTo(2);
	}

	@Test
	void aSuccessSentJustBeforeTheStreamBreaksIsSentAgainOnTheNextStreamAnErrorIsNot() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String success = push(0, "echo", "[\"kept\"]");
		String failure = push(0, "no_such_task", "[]");
		Poll.until("both results on the first stream", () -> this.service.results().size() == 2);

		this.service.stream(0).fail();

		awaitRegistration(1);
		Poll.until("the success again on the new stream", () -> resultsOn(1, success) == 1);
		pushBarrier(1);
		assertThat(resultsOn(1, success)).isEqualTo(1);
		assertThat(this.service.resultsFor(success)).allSatisfy(
				(result) -> assertThat(result.getSuccess().getResult().getStringValue()).isEqualTo("kept"));
		assertThat(resultsOn(1, failure)).as("an error is never sent twice").isZero();
		assertThat(this.stats.connection().resultsResent()).isEqualTo(1);
		assertThat(this.stats.connection().resultsInDoubt()).isEqualTo(1);
		assertThat(this.stats.connection().lastDisconnect()).contains("dropped by the test");
	}

	@Test
	void afterAStreamThatWorkedTheWorkerRegistersAgainAtOnceWhateverTheBackoff() throws Exception {
		startServer();
		startWorker(settings(2, ShepherdSettings.MAX_STATUS_INTERVAL, Duration.ofSeconds(30)));
		awaitRegistration(0);
		Thread.sleep(Reconnects.HEALTHY_AFTER.toMillis() + 100);

		this.service.stream(0).fail();

		// Well before the 15-30 s the backoff would wait after a failed attempt.
		Poll.until("registered again", () -> this.service.streams.size() == 2 && this.service.messages(1).size() >= 2);
		assertThat(this.service.messages(1).get(0).getHello().getShepherdUuid())
			.isEqualTo(this.service.messages(0).get(0).getHello().getShepherdUuid());
	}

	@Test
	void aLinkThatBreaksRightAfterEachHelloIsRetriedWithAGrowingWait() throws Exception {
		this.service.endingOnHello = true;
		startServer();
		startWorker(settings(2, ShepherdSettings.MAX_STATUS_INTERVAL, Duration.ofMillis(100)));
		Thread.sleep(2_000);
		// With the backoff reset at every Hello this would be about one attempt per 75 ms;
		// growing from 100 ms it is 50-100, 100-200, 200-400, 400-800, 800-1600 ms: at most 6.
		assertThat(this.service.matching(ClientMsg::hasHello)).hasSizeBetween(2, 7);
	}

	@Test
	void afterAKeepaliveFailureTheNewStreamRepeatsItsHelloOnceTheServerMustHaveDroppedTheOldOne() throws Exception {
		startServer();
		startWorker(2);
		this.worker.repeatHelloAfter(Duration.ofMillis(300));
		awaitRegistration(0);
		this.service.stream(0).fail(io.grpc.Status.UNAVAILABLE.withDescription("Keepalive failed. The connection is likely gone"));
		awaitRegistration(1);
		Poll.until("a second Hello on the new stream",
				() -> this.service.messages(1).stream().filter(ClientMsg::hasHello).count() == 2);
		List<ClientMsg> hellos = this.service.messages(1).stream().filter(ClientMsg::hasHello).toList();
		assertThat(hellos).extracting((message) -> message.getHello().getShepherdUuid())
			.containsOnly(this.service.messages(0).get(0).getHello().getShepherdUuid());
		Poll.until("a Status after the repeated Hello", () -> {
			List<ClientMsg> messages = this.service.messages(1);
			int lastHello = -1;
			for (int i = 0; i < messages.size(); i++) {
				lastHello = messages.get(i).hasHello() ? i : lastHello;
			}
			return lastHello > 0 && messages.subList(lastHello, messages.size()).stream().anyMatch(ClientMsg::hasStatus);
		});
	}

	@Test
	void anOrdinaryBreakDoesNotRepeatTheHello() throws Exception {
		startServer();
		startWorker(2);
		this.worker.repeatHelloAfter(Duration.ofMillis(100));
		awaitRegistration(0);
		this.service.stream(0).fail();
		awaitRegistration(1);
		Thread.sleep(500);
		assertThat(this.service.messages(1).stream().filter(ClientMsg::hasHello)).hasSize(1);
	}

	@Test
	void stopWaitsForTheServerToEndTheStreamAfterTheHalfClose() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "echo", "[\"last\"]");
		Poll.until("the result", () -> this.service.resultsFor(id).size() == 1);
		this.service.endDelayMillis = 1_500;

		this.worker.stop();

		assertThat(this.service.stream(0).halfClosedByClient).isTrue();
		assertThat(this.service.stream(0).ended).as("the server had ended the stream when stop returned").isTrue();
		assertThat(this.service.stream(0).failedByClient).isNull();
	}

	@Test
	void aStreamThatBreaksWhileStoppingHasItsResultsSentAgainOnANewStream() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "echo", "[\"survives the drain\"]");
		Poll.until("the result", () -> this.service.resultsFor(id).size() == 1);
		this.service.failOnHalfClose.set(1);

		this.worker.stop();

		assertThat(this.service.streams).hasSize(2);
		assertThat(resultsOn(1, id)).isEqualTo(1);
		assertThat(this.service.stream(1).halfClosedByClient).isTrue();
		assertThat(this.service.stream(1).ended).isTrue();
		assertThat(this.stats.connection().resultsResent()).isEqualTo(1);
	}

	@Test
	void aTaskOverItsTimeLimitIsReportedAsTimedOutAndItsLateResultDiscarded() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "stubborn", "[]");
		Poll.until("the time-out result", () -> this.service.resultsFor(id).size() == 1);
		TaskResult result = this.service.resultsFor(id).get(0);
		assertThat(result.getError().getType()).isEqualTo("TaskTimeoutError");
		assertThat(result.getError().getRetriable()).isTrue();
		assertThat(this.tasks.stubbornReturned.await(20, TimeUnit.SECONDS)).isTrue();
		pushBarrier(0);
		assertThat(this.service.resultsFor(id)).hasSize(1);
		assertThat(this.stats.task("stubborn").orElseThrow().lastErrorType()).isEqualTo("TaskTimeoutError");
	}

	@Test
	void anUnknownTaskIsAnsweredWithTaskNotFound() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "no_such_task", "[]");
		Poll.until("the result", () -> this.service.resultsFor(id).size() == 1);
		assertThat(this.service.resultsFor(id).get(0).getError().getType()).isEqualTo("TaskNotFound");
	}

	@Test
	void argumentsThatAreNotJsonAreAnsweredWithValidationError() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "echo", "[not json");
		Poll.until("the result", () -> this.service.resultsFor(id).size() == 1);
		assertThat(this.service.resultsFor(id).get(0).getError().getType()).isEqualTo("ValidationError");
		assertThat(this.service.resultsFor(id).get(0).getError().getRetriable()).isFalse();
	}

	@Test
	void aDuplicateTaskWhileTheFirstRunsIsExecutedOnceAndAnsweredOnce() throws Exception {
		startServer();
		startWorker(2);
		awaitRegistration(0);
		String id = push(0, "blocking", "[\"once\"]");
		Poll.until("the task runs", () -> this.tasks.blockingRuns.get() == 1);
		this.service.stream(0).push(task(id, "blocking", "[\"once\"]"));
		pushBarrier(0);
		this.tasks.gate.countDown();
		Poll.until("the result", () -> this.service.resultsFor(id).size() == 1);
		pushBarrier(0);
		assertThat(this.service.resultsFor(id)).hasSize(1);
		assertThat(this.tasks.blockingRuns.get()).isEqualTo(1);
	}

	@Test
	void startSucceedsWhileTheOrchestratorIsUnreachableAndConnectsWhenItAppears() throws Exception {
		startWorker(2);
		assertThat(this.worker.isRunning()).isTrue();
		WorkerStats.Connection disconnected = Poll.until("a failed attempt", this.stats::connection,
				(connection) -> connection.state() == ConnectionState.DISCONNECTED && connection.lastError() != null);
		assertThat(disconnected.lastError()).contains("UNAVAILABLE");
		startServer();
		awaitRegistration(0);
		Poll.until("registered", () -> this.stats.connection().state() == ConnectionState.REGISTERED);
		assertThat(this.stats.connection().connectedSince()).isNotNull();
		assertThat(this.stats.connection().reconnects()).isPositive();
	}

	private void startServer() throws IOException {
		this.server = InProcessServerBuilder.forName(this.serverName)
			.addService(ServerInterceptors.intercept(this.service, this.service.eagerHeaders()))
			.build()
			.start();
	}

	private void startWorker(int maxConcurrency) {
		startWorker(settings(maxConcurrency, ShepherdSettings.MAX_STATUS_INTERVAL));
	}

	private void startWorker(ShepherdSettings settings) {
		this.worker = new ShepherdWorker(this.channel, settings, invoker(), this.taskThreads, this.stats);
		this.worker.start();
	}

	private long resultsOn(int stream, String taskId) {
		return this.service.messages(stream)
			.stream()
			.filter((message) -> message.hasTaskResult() && message.getTaskResult().getTaskId().equals(taskId))
			.count();
	}

	private TaskInvoker invoker() {
		return new TaskInvoker(this.tasks.registry(), JsonMapper.builder().build());
	}

	private static ShepherdSettings settings(int maxConcurrency, Duration statusInterval) {
		return settings(maxConcurrency, statusInterval, Duration.ofMillis(50));
	}

	private static ShepherdSettings settings(int maxConcurrency, Duration statusInterval, Duration reconnectInitial) {
		Duration max = reconnectInitial.multipliedBy(60);
		return ShepherdSettings.builder("test")
			.group("g1")
			.maxConcurrency(maxConcurrency)
			.statusInterval(statusInterval)
			.reconnect(reconnectInitial, max, 2.0)
			.shutdownTimeout(Duration.ofSeconds(10))
			.taskTimeout(Duration.ofSeconds(20))
			.build();
	}

	private List<ClientMsg> awaitRegistration(int stream) {
		List<ClientMsg> messages = Poll.until("Hello and Status on stream " + stream,
				() -> this.service.messages(stream), (list) -> list.size() >= 2);
		assertThat(messages.get(0).hasHello()).isTrue();
		assertThat(messages.get(1).hasStatus()).isTrue();
		assertThat(messages.stream().filter(ClientMsg::hasHello)).hasSize(1);
		return messages;
	}

	private void awaitStatus(Status expected) {
		Poll.until("Status " + expected.getCurrentLoad() + "/" + expected.getAvailableCapacity(),
				() -> this.service.statuses().contains(expected));
	}

	private int indexOfStatusFrom(int start, Status expected) {
		List<FakeClusterService.Received> received = this.service.received;
		for (int i = start; i < received.size(); i++) {
			if (received.get(i).message().getStatus().equals(expected) && received.get(i).message().hasStatus()) {
				return i;
			}
		}
		return -1;
	}

	private List<FakeClusterService.Received> hellos() {
		return this.service.matching(ClientMsg::hasHello);
	}

	private String push(int stream, String name, String args) {
		String id = UUID.randomUUID().toString();
		this.service.stream(stream).push(task(id, name, args));
		return id;
	}

	/** Pushes a quick task and waits for its result: everything pushed before was read. */
	private void pushBarrier(int stream) {
		String id = push(stream, "echo", "[\"barrier\"]");
		Poll.until("the barrier result", () -> this.service.resultsFor(id).size() == 1);
	}

	private static Task task(String id, String name, String args) {
		return Task.newBuilder().setTaskId(id).setName(name).setArgs(args).setKwargs("{}").build();
	}

	private static Status status(int load, int available) {
		return Status.newBuilder().setCurrentLoad(load).setAvailableCapacity(available).build();
	}

	private static void assertShutdownError(TaskResult result) {
		assertThat(result.getError().getType()).isEqualTo(TaskExecutionEngine.SHUTDOWN_ERROR);
		assertThat(result.getError().getRetriable()).isTrue();
		assertThat(result.getError().getData()).contains("WORKER_SHUTDOWN");
	}

}
