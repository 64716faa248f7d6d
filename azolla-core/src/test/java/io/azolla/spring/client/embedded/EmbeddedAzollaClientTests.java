package io.azolla.spring.client.embedded;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskRejectedException;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.FakeClock;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.TaskRetryTemplates;
import io.azolla.spring.task.AzollaTaskHandler;
import io.azolla.spring.task.TaskArguments;
import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskException;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.task.TaskValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EmbeddedAzollaClient}. Backoff sleeps are recorded and advance a fake
 * clock, so retries take no wall time.
 */
class EmbeddedAzollaClientTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final TaskRegistry registry = new TaskRegistry();

	private final FakeClock clock = new FakeClock();

	private final List<Long> sleeps = new CopyOnWriteArrayList<>();

	private final TaskRetryTemplates retries = new TaskRetryTemplates((delay) -> {
		this.sleeps.add(delay.toMillis());
		this.clock.advance(delay);
	}, this.clock, () -> 0.5);

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final EmbeddedAzollaClient client = client(TaskDefaults.of(RetryPolicy.defaults()));

	EmbeddedAzollaClientTests() throws NoSuchMethodException {
		Tasks tasks = new Tasks();
		this.registry.register(TaskDefinition.forMethod("greet", tasks,
				Tasks.class.getDeclaredMethod("greet", String.class, int.class)));
		this.registry.register(TaskDefinition.forMethod("pair", tasks, Tasks.class.getDeclaredMethod("pair")));
	}

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void waitingForeverAsynchronouslyWaitsInsteadOfFailingOnTheDurationsSize() throws Exception {
		TaskHandle handle = this.client.submitTask("pair").submit();

		TaskResult result = handle.resultAsync(ChronoUnit.FOREVER.getDuration()).get(30, TimeUnit.SECONDS);

		assertThat(result.isSuccess()).isTrue();
	}

	@Test
	void alwaysFailingTaskWithThreeAttemptsIsInvokedThreeTimesAndReportsTheThirdError() {
		AtomicInteger calls = failing("fails", "IOError");

		TaskResult result = this.client.submitTask("fails")
			.retryPolicy(RetryPolicy.fixed(Duration.ofMillis(250)).maxAttempts(3).build())
			.submit()
			.await(WAIT);

		assertThat(calls).hasValue(3);
		assertThat(result.failure()).hasValueSatisfying((failure) -> {
			assertThat(failure.type()).isEqualTo("IOError");
			assertThat(failure.message()).isEqualTo("attempt 3");
			assertThat(failure.code()).hasValue("TASK_ERROR");
		});
		assertThat(this.sleeps).containsExactly(250L, 250L);
	}

	@Test
	void flakyTaskThatSucceedsOnTheThirdAttemptReturnsItsValue() {
		AtomicInteger calls = new AtomicInteger();
		register("flaky", (args) -> {
			if (calls.incrementAndGet() < 3) {
				throw new IllegalStateException("not yet");
			}
			return "done after " + calls.get();
		});

		TaskResult result = this.client.submitTask("flaky").submit().await(WAIT);

		assertThat(result.valueAs(String.class)).isEqualTo("done after 3");
		// Default policy: exponential jitter 1 s × 2^n with a random source of 0.5.
		assertThat(this.sleeps).containsExactly(1000L, 2000L);
	}

	@Test
	void argumentsGoThroughTheWorkerBindingAndValuesComeBackNormalised() {
		TaskResult greeting = this.client.submitTask("greet").args("Alice", 25).submit().await(WAIT);
		TaskResult named = this.client.submitTask("greet").kwargs(Map.of("name", "Bob", "age", 7)).submit().await(WAIT);
		TaskResult pair = this.client.submitTask("pair").submit().await(WAIT);

		assertThat(greeting.value().toString()).isEqualTo("{\"age\":25,\"text\":\"Hello Alice\"}");
		assertThat(named.valueAs(Greeting.class)).isEqualTo(new Greeting("Hello Bob", 7));
		assertThat(pair.value().toString()).isEqualTo("{\"a\":1,\"b\":\"two\"}");
	}

	@Test
	void nonRetryableTypesOfTheDefaultPolicyGetOneAttempt() {
		AtomicInteger validation = new AtomicInteger();
		register("refuses", (args) -> {
			validation.incrementAndGet();
			throw new TaskValidationException("bad input");
		});
		AtomicInteger invalidArguments = failing("invalid_arguments", "InvalidArguments");

		assertThat(failureOf(this.client.submitTask("refuses").submit()).type()).isEqualTo("TaskValidationError");
		assertThat(failureOf(this.client.submitTask("invalid_arguments").submit()).type()).isEqualTo("InvalidArguments");
		assertThat(failureOf(this.client.submitTask("greet").args("Alice", "not a number").submit()).type())
			.isEqualTo("ValidationError");
		assertThat(validation).hasValue(1);
		assertThat(invalidArguments).hasValue(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void unknownTaskNameFinishesWithTheWorkersTaskNotFoundError() {
		TaskFailure failure = failureOf(this.client.submitTask("no_such_task").submit());

		assertThat(failure.type()).isEqualTo("TaskNotFound");
		assertThat(failure.retriable()).isFalse();
		assertThat(failure.data().get("task_name").stringValue()).isEqualTo("no_such_task");
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void errorTypesAreMatchedAgainstTheIncludeAndExcludeLists() {
		AtomicInteger calls = failing("value_error", "ValueError");
		RetryPolicy onlyIo = fixed(3).includeErrors("IOError").excludeErrors().build();
		RetryPolicy wildcard = fixed(3).includeErrors("TaskError").excludeErrors().build();
		RetryPolicy wildcardExcluding = fixed(3).includeErrors("TaskError").excludeErrors("ValueError").build();
		RetryPolicy nothing = fixed(3).includeErrors(List.of()).excludeErrors().build();

		assertThat(attempts(calls, onlyIo)).isEqualTo(1);
		assertThat(attempts(calls, wildcard)).isEqualTo(3);
		assertThat(attempts(calls, wildcardExcluding)).isEqualTo(1);
		assertThat(attempts(calls, nothing)).isEqualTo(1);
	}

	@Test
	void policyOfTheSubmissionWinsOverTheConfiguredDefault() {
		EmbeddedAzollaClient twoAttempts = client(TaskDefaults.of(fixed(2).build()));
		AtomicInteger calls = failing("fails", "IOError");

		twoAttempts.submitTask("fails").submit().await(WAIT);
		int byDefault = calls.getAndSet(0);
		twoAttempts.submitTask("fails").retryPolicy(fixed(4).build()).submit().await(WAIT);

		assertThat(byDefault).isEqualTo(2);
		assertThat(calls).hasValue(4);
	}

	@Test
	void backoffWaitsFollowTheOrchestratorFormulas() {
		failing("fails", "IOError");
		RetryPolicy exponential = RetryPolicy.exponential()
			.initialDelay(Duration.ofMillis(100))
			.multiplier(2)
			.maxDelay(Duration.ofMillis(300))
			.maxAttempts(4)
			.build();
		RetryPolicy jitter = RetryPolicy.exponentialJitter()
			.initialDelay(Duration.ofMillis(100))
			.multiplier(3)
			.maxAttempts(3)
			.build();

		this.client.submitTask("fails").retryPolicy(exponential).submit().await(WAIT);
		this.client.submitTask("fails").retryPolicy(jitter).submit().await(WAIT);
		this.client.submitTask("fails").retryPolicy(RetryPolicy.fixed(Duration.ZERO).maxAttempts(2).build()).submit()
			.await(WAIT);

		assertThat(this.sleeps).containsExactly(200L, 300L, 300L, 150L, 450L, 10L);
	}

	@Test
	void elapsedLimitIsMeasuredFromCreationWhenAFailureArrives() {
		AtomicInteger calls = new AtomicInteger();
		register("slow_failure", (args) -> {
			calls.incrementAndGet();
			this.clock.advance(Duration.ofSeconds(2));
			throw new TaskException("too slow").type("IOError");
		});
		RetryPolicy policy = RetryPolicy.fixed(Duration.ofMillis(10))
			.unlimitedAttempts()
			.maxElapsed(Duration.ofSeconds(3))
			.build();

		this.client.submitTask("slow_failure").retryPolicy(policy).submit().await(WAIT);

		// Failures arrive 2 s and 4.01 s after creation; the second is past the 3 s limit.
		assertThat(calls).hasValue(2);
	}

	@Test
	void awaitTimesOutWhileTheTaskRunsAndTheTaskGoesOn() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		register("blocked", (args) -> {
			release.await();
			return "released";
		});
		TaskHandle handle = this.client.submitTask("blocked").submit();

		assertThatExceptionOfType(TaskWaitTimeoutException.class).isThrownBy(() -> handle.await(Duration.ofMillis(50)))
			.satisfies((ex) -> assertThat(ex.getWaited()).isEqualTo(Duration.ofMillis(50)));
		assertThat(handle.tryResult()).isEmpty();
		CompletableFuture<TaskResult> timedOut = handle.resultAsync(Duration.ofMillis(50));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> timedOut.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(TaskWaitTimeoutException.class);
		CompletableFuture<TaskResult> cancelled = handle.resultAsync(WAIT);
		cancelled.cancel(true);
		CompletableFuture<TaskResult> later = handle.resultAsync(WAIT);
		release.countDown();

		assertThat(later.get(5, TimeUnit.SECONDS).valueAs(String.class)).isEqualTo("released");
		assertThat(handle.await(WAIT).valueAs(String.class)).isEqualTo("released");
		assertThat(handle.tryResult()).hasValueSatisfying((result) -> assertThat(result.isSuccess()).isTrue());
		assertThat(cancelled).isCancelled();
	}

	@Test
	void handleFromAnIdSeesTheSameTask() {
		TaskHandle submitted = this.client.submitTask("greet").args("Eve", 3).submit();

		TaskHandle byId = this.client.taskHandle(submitted.id());

		assertThat(UUID.fromString(submitted.id()).version()).isEqualTo(4);
		assertThat(submitted.taskName()).isEqualTo("greet");
		assertThat(byId.taskName()).isNull();
		assertThat(byId.await(WAIT)).isEqualTo(submitted.await(WAIT));
		assertThat(byId.await()).isEqualTo(submitted.await());
	}

	@Test
	void unknownIdIsNotFoundWhenWaitingAndEmptyWhenPolling() {
		TaskHandle handle = this.client.taskHandle(UUID.randomUUID().toString());

		assertThatExceptionOfType(TaskNotFoundException.class).isThrownBy(() -> handle.await(WAIT))
			.withMessageContaining("domain 'tests'");
		assertThat(handle.tryResult()).isEmpty();
		assertThat(handle.resultAsync()).failsWithin(Duration.ofSeconds(1))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(TaskNotFoundException.class);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.client.taskHandle(" "));
	}

	@Test
	void malformedRequestsAreRefusedBeforeAnythingRuns() {
		AtomicInteger calls = failing("fails", "IOError");

		assertInvalid(() -> this.client.submitTask(" ").submit());
		assertInvalid(() -> this.client.submitTask("fails").shepherdGroup("").submit());
		assertInvalid(() -> this.client.submitTask("fails").argsJson("{}").submit());
		assertInvalid(() -> this.client.submitTask("fails").kwargsJson("[]").submit());
		assertInvalid(() -> this.client.submitTask("fails").kwargs(List.of(1)).submit());
		assertInvalid(() -> this.client.submit(new TaskRequest("fails", "not json", "{}", null, null)));
		assertInvalid(() -> this.client.submit(new TaskRequest("fails", "[]", "42", null, null)));
		assertInvalid(() -> client(emptyGroupDefaults()).submitTask("fails").submit());
		assertThat(calls).hasValue(0);
	}

	@Test
	void fullExecutorRejectsTheSubmission() {
		EmbeddedAzollaClient rejecting = new EmbeddedAzollaClient(new TaskInvoker(this.registry, this.mapper),
				TaskDefaults.of(RetryPolicy.defaults()), this.mapper, (task) -> {
					throw new RejectedExecutionException("full");
				}, "tests", WAIT, this.retries);

		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> rejecting.submitTask("greet").args("A", 1).submit());
	}

	@Test
	void manyConcurrentSubmissionsAllFinish() {
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			handles.add(this.client.submitTask("greet").args("user" + i, i).submit());
		}

		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).await(WAIT).valueAs(Greeting.class)).isEqualTo(new Greeting("Hello user" + i, i));
		}
	}

	@Test
	void domainIsTheConfiguredOne() {
		assertThat(this.client.domain()).isEqualTo("tests");
	}

	private EmbeddedAzollaClient client(TaskDefaults defaults) {
		return new EmbeddedAzollaClient(new TaskInvoker(this.registry, this.mapper), defaults, this.mapper,
				this.executor, "tests", WAIT, this.retries);
	}

	private static RetryPolicy.Builder fixed(int maxAttempts) {
		return RetryPolicy.fixed(Duration.ofMillis(20)).maxAttempts(maxAttempts);
	}

	private int attempts(AtomicInteger calls, RetryPolicy policy) {
		calls.set(0);
		this.client.submitTask("value_error").retryPolicy(policy).submit().await(WAIT);
		return calls.get();
	}

	private static TaskFailure failureOf(TaskHandle handle) {
		return handle.await(WAIT).failure().orElseThrow();
	}

	private static void assertInvalid(Runnable submission) {
		assertThatExceptionOfType(InvalidTaskRequestException.class).isThrownBy(submission::run);
	}

	private AtomicInteger failing(String name, String errorType) {
		AtomicInteger calls = new AtomicInteger();
		register(name, (args) -> {
			throw new TaskException("attempt " + calls.incrementAndGet()).type(errorType);
		});
		return calls;
	}

	private void register(String name, Body body) {
		this.registry.register(TaskDefinition.forHandler(new AzollaTaskHandler() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Object execute(TaskArguments args) throws Exception {
				return body.run(args);
			}

		}, "test '" + name + "'"));
	}

	private static TaskDefaults emptyGroupDefaults() {
		return new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return RetryPolicy.defaults();
			}

			@Override
			public Optional<String> shepherdGroup(String taskName) {
				return Optional.of("");
			}

		};
	}

	@FunctionalInterface
	interface Body {

		Object run(TaskArguments args) throws Exception;

	}

	record Greeting(String text, int age) {
	}

	record Pair(String b, int a) {
	}

	static class Tasks {

		Greeting greet(String name, int age) {
			return new Greeting("Hello " + name, age);
		}

		Pair pair() {
			return new Pair("two", 1);
		}

	}

}
