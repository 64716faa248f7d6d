package io.azolla.spring.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TaskExecutionEngine}.
 */
class TaskExecutionEngineTests {

	private final TestTasks tasks = new TestTasks();

	private final TaskRegistry registry = this.tasks.registry();

	private final TaskInvoker invoker = new TaskInvoker(this.registry, JsonMapper.builder().build());

	private final ExecutorService threads = AzollaThreads.newCachedPool("engine-test-");

	private final List<TaskResult> results = new CopyOnWriteArrayList<>();

	@AfterEach
	void tearDown() {
		this.tasks.gate.countDown();
		this.tasks.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void tasksBeyondTheLimitWaitAndRunInArrivalOrder() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		List<String> ids = List.of(id(), id(), id());
		for (int i = 0; i < ids.size(); i++) {
			engine.submit(ids.get(i), "gated", "[\"t" + i + "\"]", "{}", this.results::add);
		}
		assertThat(engine.load()).isEqualTo(new TaskExecutionEngine.Load(1, 2));
		this.tasks.gate.countDown();
		Poll.until("three results", () -> this.results.size() == 3);
		assertThat(this.results).extracting(TaskResult::getTaskId).containsExactlyElementsOf(ids);
		assertThat(this.tasks.mostActive.get()).isEqualTo(1);
		Poll.until("an idle engine", () -> engine.load().equals(new TaskExecutionEngine.Load(0, 0)));
	}

	@Test
	void loadChangesAreReportedToListeners() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		List<TaskExecutionEngine.Load> loads = new CopyOnWriteArrayList<>();
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void loadChanged(int running, int queued) {
				loads.add(new TaskExecutionEngine.Load(running, queued));
			}

		});
		engine.submit(id(), "blocking", "[\"a\"]", "{}", this.results::add);
		engine.submit(id(), "blocking", "[\"b\"]", "{}", this.results::add);
		this.tasks.gate.countDown();
		Poll.until("an idle engine reported",
				() -> loads.size() >= 3 && loads.get(loads.size() - 1).equals(new TaskExecutionEngine.Load(0, 0)));
		assertThat(loads).startsWith(new TaskExecutionEngine.Load(1, 0), new TaskExecutionEngine.Load(1, 1));
	}

	@Test
	void aTaskRejectedByTheExecutorStillGetsARetryableResult() {
		TaskExecutionEngine engine = new TaskExecutionEngine(this.invoker, 2, (name) -> null, (runnable) -> {
			throw new RejectedExecutionException("full");
		});
		String id = id();
		engine.submit(id, "echo", "[\"x\"]", "{}", this.results::add);
		assertThat(this.results).singleElement().satisfies((result) -> {
			assertThat(result.getTaskId()).isEqualTo(id);
			assertThat(result.getError().getType()).isEqualTo(TaskExecutionEngine.REJECTED_ERROR);
			assertThat(result.getError().getRetriable()).isTrue();
		});
		assertThat(engine.load()).isEqualTo(new TaskExecutionEngine.Load(0, 0));
	}

	@Test
	void aDuplicateIdIsIgnoredUntilTheFirstHasItsResult() {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		String id = id();
		assertThat(engine.submit(id, "blocking", "[\"a\"]", "{}", this.results::add)).isTrue();
		assertThat(engine.submit(id, "blocking", "[\"a\"]", "{}", this.results::add)).isFalse();
		assertThat(engine.contains(id)).isTrue();
		this.tasks.gate.countDown();
		Poll.until("one result", () -> this.results.size() == 1);
		Poll.until("the id forgotten", () -> !engine.contains(id));
		assertThat(engine.submit(id, "echo", "[\"retry\"]", "{}", this.results::add)).isTrue();
		Poll.until("the retry's result", () -> this.results.size() == 2);
		assertThat(this.tasks.blockingRuns.get()).isEqualTo(1);
	}

	@Test
	void aRetryArrivingWhileTheFirstResultIsBeingDeliveredIsExecuted() {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		String id = id();
		AtomicBoolean retryAccepted = new AtomicBoolean();
		// The orchestrator may dispatch the retry as soon as the first result reaches it, which
		// can be before the engine has forgotten the finished execution.
		engine.submit(id, "echo", "[\"first\"]", "{}", (first) -> {
			this.results.add(first);
			retryAccepted.set(engine.submit(id, "echo", "[\"retry\"]", "{}", this.results::add));
		});
		Poll.until("both results", () -> this.results.size() == 2);
		assertThat(retryAccepted).isTrue();
		assertThat(this.results).extracting((result) -> result.getSuccess().getResult().getStringValue())
			.containsExactly("first", "retry");
	}

	@Test
	void shutdownLetsQueuedTasksUseSlotsFreedBeforeTheLimitAndRefusesNewOnes() throws Exception {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		String running = id();
		String queued = id();
		engine.submit(running, "blocking", "[\"a\"]", "{}", this.results::add);
		engine.submit(queued, "blocking", "[\"b\"]", "{}", this.results::add);
		Poll.until("the first task runs", () -> this.tasks.blockingRuns.get() == 1);
		Thread opener = new Thread(() -> {
			Poll.until("the engine refuses new tasks", () -> {
				String probe = id();
				engine.submit(probe, "echo", "[\"late\"]", "{}", this.results::add);
				return this.results.stream().anyMatch((result) -> result.getTaskId().equals(probe));
			});
			this.tasks.gate.countDown();
		});
		opener.start();
		assertThat(engine.shutdown(Duration.ofSeconds(20))).isTrue();
		opener.join();
		assertThat(this.results).filteredOn((result) -> result.hasError())
			.isNotEmpty()
			.allSatisfy((result) -> assertThat(result.getError().getType()).isEqualTo(TaskExecutionEngine.SHUTDOWN_ERROR));
		// Probes submitted before the shutdown began were accepted and ran: only the blocking
		// tasks' order matters.
		assertThat(this.results).filteredOn(TaskResult::hasSuccess)
			.extracting(TaskResult::getTaskId)
			.filteredOn((id) -> id.equals(running) || id.equals(queued))
			.containsExactly(running, queued);
		assertThat(this.tasks.blockingRuns.get()).isEqualTo(2);
	}

	@Test
	void shutdownReturnsTasksStillQueuedAtTheLimit() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		String running = id();
		String queued = id();
		engine.submit(running, "blocking", "[\"a\"]", "{}", this.results::add);
		engine.submit(queued, "blocking", "[\"b\"]", "{}", this.results::add);
		Poll.until("the first task runs", () -> this.tasks.blockingRuns.get() == 1);
		assertThat(engine.shutdown(Duration.ofMillis(100))).isFalse();
		assertThat(this.results).extracting(TaskResult::getTaskId).containsExactlyInAnyOrder(running, queued);
		TaskResult returned = this.results.stream().filter((result) -> result.getTaskId().equals(queued)).findFirst().orElseThrow();
		assertThat(returned.getError().getType()).isEqualTo(TaskExecutionEngine.SHUTDOWN_ERROR);
		assertThat(returned.getError().getData()).contains(TaskExecutionEngine.SHUTDOWN_CODE);
		assertThat(this.tasks.blockingRuns.get()).isEqualTo(1);
	}

	@Test
	void aRetryOfATimedOutTaskWaitsUntilTheFirstAttemptsThreadReturns() {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		String id = id();
		engine.submit(id, "deaf", "[]", "{}", this.results::add);
		Poll.until("the time-out result", () -> this.results.size() == 1);
		assertThat(this.results.get(0).getError().getType()).isEqualTo("TaskTimeoutError");

		assertThat(engine.submit(id, "deaf", "[]", "{}", this.results::add)).isTrue();

		assertThat(engine.load()).isEqualTo(new TaskExecutionEngine.Load(1, 1));
		assertThat(this.tasks.deafRuns.get()).isEqualTo(1);
		this.tasks.release.countDown();
		Poll.until("the retry's result", () -> this.results.size() == 2);
		assertThat(this.results.get(1).getSuccess().getResult().getStringValue()).isEqualTo("deaf");
		assertThat(this.tasks.deafRuns.get()).isEqualTo(2);
		assertThat(this.tasks.mostDeafActive.get()).as("attempts of one task running at once").isEqualTo(1);
	}

	@Test
	void whenEverySlotIsStuckQueuedAndNewTasksAreHandedBackAndTheCountIsReported() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		engine.stuckAfter(Duration.ofMillis(100));
		List<Integer> stuckCounts = new CopyOnWriteArrayList<>();
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void stuckSlotsChanged(int stuck) {
				stuckCounts.add(stuck);
			}

		});
		String deaf = id();
		String queued = id();
		engine.submit(deaf, "deaf", "[]", "{}", this.results::add);
		engine.submit(queued, "echo", "[\"waiting\"]", "{}", this.results::add);

		Poll.until("the queued task handed back", () -> this.results.size() == 2);

		assertThat(engine.stuckSlots()).isEqualTo(1);
		assertThat(stuckCounts).containsExactly(1);
		TaskResult handedBack = this.results.get(1);
		assertThat(handedBack.getTaskId()).isEqualTo(queued);
		assertThat(handedBack.getError().getType()).isEqualTo(TaskExecutionEngine.STUCK_ERROR);
		assertThat(handedBack.getError().getRetriable()).isTrue();
		String late = id();
		engine.submit(late, "echo", "[\"late\"]", "{}", this.results::add);
		assertThat(this.results.get(2).getTaskId()).isEqualTo(late);
		assertThat(this.results.get(2).getError().getType()).isEqualTo(TaskExecutionEngine.STUCK_ERROR);
		this.tasks.release.countDown();
		Poll.until("the slot freed", () -> engine.stuckSlots() == 0 && engine.load().running() == 0);
		assertThat(stuckCounts).containsExactly(1, 0);
		String after = id();
		engine.submit(after, "echo", "[\"runs again\"]", "{}", this.results::add);
		Poll.until("a normal result", () -> this.results.size() == 4);
		assertThat(this.results.get(3).getSuccess().getResult().getStringValue()).isEqualTo("runs again");
	}

	@Test
	void whileOneSlotIsStuckATaskQueuedLongerThanTheQueueTimeOutIsHandedBack() {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		engine.stuckAfter(Duration.ofMillis(100));
		engine.queueTimeout(Duration.ofMillis(300));
		String deaf = id();
		String busy = id();
		String queued = id();
		engine.submit(deaf, "deaf", "[]", "{}", this.results::add);
		engine.submit(busy, "blocking", "[\"busy\"]", "{}", this.results::add);
		engine.submit(queued, "echo", "[\"waiting\"]", "{}", this.results::add);

		Poll.until("the queued task handed back", () -> this.results.size() == 2);

		assertThat(engine.stuckSlots()).isEqualTo(1);
		TaskResult handedBack = this.results.get(1);
		assertThat(handedBack.getTaskId()).isEqualTo(queued);
		assertThat(handedBack.getError().getType()).isEqualTo(TaskExecutionEngine.STUCK_ERROR);
		assertThat(handedBack.getError().getRetriable()).isTrue();
		assertThat(engine.load()).isEqualTo(new TaskExecutionEngine.Load(2, 0));
		assertThat(this.results).extracting(TaskResult::getTaskId).doesNotContain(busy);
		this.tasks.gate.countDown();
		Poll.until("the busy task's result", () -> this.results.size() == 3);
		assertThat(this.results.get(2).getSuccess().getResult().getStringValue()).isEqualTo("busy");
	}

	@Test
	void aRetryWaitingForItsStuckFirstAttemptIsHandedBackAfterTheQueueTimeOut() {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		engine.stuckAfter(Duration.ofMillis(100));
		engine.queueTimeout(Duration.ofMillis(300));
		String id = id();
		engine.submit(id, "deaf", "[]", "{}", this.results::add);
		Poll.until("the time-out result", () -> this.results.size() == 1);
		engine.submit(id, "deaf", "[]", "{}", this.results::add);

		Poll.until("the retry handed back", () -> this.results.size() == 2);

		assertThat(this.results.get(1).getTaskId()).isEqualTo(id);
		assertThat(this.results.get(1).getError().getType()).isEqualTo(TaskExecutionEngine.STUCK_ERROR);
		assertThat(this.tasks.deafRuns.get()).isEqualTo(1);
	}

	@Test
	void withoutAStuckSlotAQueuedTaskWaitsBeyondTheQueueTimeOut() throws InterruptedException {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		engine.queueTimeout(Duration.ofMillis(50));
		String queued = id();
		engine.submit(id(), "blocking", "[\"busy\"]", "{}", this.results::add);
		engine.submit(queued, "echo", "[\"waiting\"]", "{}", this.results::add);
		Thread.sleep(400);
		assertThat(this.results).isEmpty();
		this.tasks.gate.countDown();
		Poll.until("both results", () -> this.results.size() == 2);
		assertThat(this.results.get(1).getTaskId()).isEqualTo(queued);
		assertThat(this.results.get(1).getSuccess().getResult().getStringValue()).isEqualTo("waiting");
	}

	@Test
	void aQueueTimeOutMustBePositive() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		assertThatIllegalArgumentException().isThrownBy(() -> engine.queueTimeout(Duration.ZERO));
	}

	@Test
	void listenersSeeOneSharedNameForTasksThatAreNotRegistered() {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		List<String> names = new CopyOnWriteArrayList<>();
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
				names.add(taskName);
			}

		});
		engine.submit(id(), "made_up_" + UUID.randomUUID(), "[]", "{}", this.results::add);
		engine.submit(id(), "another_made_up_name", "[]", "{}", this.results::add);
		engine.submit(id(), "echo", "[\"x\"]", "{}", this.results::add);
		Poll.until("three completions", () -> names.size() == 3);
		assertThat(names).containsExactlyInAnyOrder(TaskExecutionListener.UNREGISTERED, TaskExecutionListener.UNREGISTERED,
				"echo");
	}

	@Test
	void aListenerThrowingAnErrorDoesNotCostTheTaskItsResult() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void taskStarted(String taskId, String taskName) {
				throw new AssertionError("listener bug on start");
			}

			@Override
			public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
				throw new NoClassDefFoundError("listener bug on completion");
			}

			@Override
			public void loadChanged(int running, int queued) {
				throw new AssertionError("listener bug on load");
			}

		});
		String id = id();
		engine.submit(id, "echo", "[\"kept\"]", "{}", this.results::add);
		Poll.until("the result", () -> this.results.size() == 1);
		assertThat(this.results.get(0).getSuccess().getResult().getStringValue()).isEqualTo("kept");
		Poll.until("the slot freed", () -> engine.load().running() == 0);
	}

	@Test
	void shutdownInterruptsTasksStillRunningAtTheLimit() {
		TaskExecutionEngine engine = engine(1, null, Map.of());
		String id = id();
		engine.submit(id, "blocking", "[\"a\"]", "{}", this.results::add);
		Poll.until("the task runs", () -> this.tasks.blockingRuns.get() == 1);
		assertThat(engine.shutdown(Duration.ofMillis(50))).isFalse();
		assertThat(this.results).singleElement()
			.satisfies((result) -> assertThat(result.getError().getType()).isEqualTo("TaskInterruptedError"));
		Poll.until("the slot freed", () -> engine.load().running() == 0);
		assertThat(this.results).hasSize(1);
	}

	@Test
	void aTimedOutTaskGetsOneTimeoutResultAndItsLateValueIsDiscarded() throws Exception {
		TaskExecutionEngine engine = engine(2, null, Map.of());
		AtomicInteger completions = new AtomicInteger();
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
				completions.incrementAndGet();
			}

		});
		String id = id();
		engine.submit(id, "stubborn", "[]", "{}", this.results::add);
		Poll.until("a result", () -> this.results.size() == 1);
		assertThat(this.results.get(0).getError().getType()).isEqualTo("TaskTimeoutError");
		assertThat(this.results.get(0).getError().getData()).contains("\"timeout_ms\":200");
		this.tasks.stubbornReturned.await();
		Poll.until("the slot freed", () -> engine.load().running() == 0);
		assertThat(this.results).hasSize(1);
		assertThat(completions.get()).isEqualTo(1);
	}

	@Test
	void anExceptionFromATaskBecomesAnErrorResult() {
		this.registry.register(TaskDefinition.forHandler(new io.azolla.spring.task.AzollaTaskHandler() {

			@Override
			public String name() {
				return "boom";
			}

			@Override
			public Object execute(io.azolla.spring.task.TaskArguments args) {
				throw new IllegalStateException("boom");
			}

		}, "test"));
		TaskExecutionEngine engine = engine(1, null, Map.of());
		engine.submit(id(), "boom", "[]", "{}", this.results::add);
		Poll.until("a result", () -> this.results.size() == 1);
		assertThat(this.results.get(0).getError().getType()).isEqualTo("IllegalStateException");
	}

	@Test
	void aConcurrencyBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> engine(0, null, Map.of()));
	}

	private TaskExecutionEngine engine(int max, Duration defaultTimeout, Map<String, Duration> overrides) {
		return new TaskExecutionEngine(this.invoker, max,
				new TaskTimeouts(this.invoker.registry(), overrides, defaultTimeout)::forTask, this.threads);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

}
