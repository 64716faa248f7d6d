package io.azolla.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.RetryPolicy;
import io.azolla.proto.common.RetryPolicyExponentialWait;
import io.azolla.proto.common.RetryPolicyFixedWait;
import io.azolla.proto.common.RetryPolicyRetry;
import io.azolla.proto.common.RetryPolicyStop;
import io.azolla.proto.common.RetryPolicyWait;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.Ack;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateFlowRequest;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.PublishFlowEventRequest;
import io.azolla.proto.orchestrator.PublishTaskEventRequest;
import io.azolla.proto.orchestrator.WaitForFlowRequest;
import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskStatus;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskNotFoundException;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a client or shepherd can see of the orchestrator, as cases that run unchanged against
 * the real binaries ({@link RealOrchestratorBehaviourE2eTests}) and against the test kit's
 * in-JVM stand-in ({@link TestOrchestratorBehaviourTests}): both must pass the same cases, which
 * is how the stand-in is shown to behave like the real thing. The cases speak raw gRPC through
 * {@link RawShepherd} so that every message is under the test's control; each uses a shepherd
 * group of its own and only the e2e domain, so they do not disturb each other.
 */
abstract class OrchestratorBehaviourCases {

	static final Duration DISPATCH = Duration.ofSeconds(10);

	private ManagedChannel channel;

	private final List<RawShepherd> shepherds = new ArrayList<>();

	/**
	 * Returns the {@code host:port} of the orchestrator under test.
	 */
	abstract String target();

	@BeforeEach
	void openChannel() {
		this.channel = NettyChannelBuilder.forTarget(target()).usePlaintext().build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.shepherds.forEach(RawShepherd::close);
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	// ---- WaitForTask

	@Test
	void aZeroTimeoutWaitAnswersTimeoutEvenForAnUnknownTask() {
		assertThat(waitFor(UUID.randomUUID().toString(), 0L).getStatusCode())
			.isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);
	}

	@Test
	void aBlockingWaitAnswersNotFoundAtOnceForAnUnknownTask() {
		// The deadline is far below the wait asked for: only an immediate answer passes.
		WaitForTaskResponse response = client(Duration.ofSeconds(5)).waitForTask(WaitForTaskRequest.newBuilder()
			.setTaskId(UUID.randomUUID().toString())
			.setDomain(AzollaCluster.DOMAIN)
			.setTimeoutMs(60_000)
			.build());

		assertThat(response.getStatusCode()).isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TASK_NOT_FOUND);
	}

	@Test
	void aBlockingWaitOnAnUnfinishedTaskAnswersTimeoutOnlyAfterTheWait() {
		String id = create(CreateTaskRequest.newBuilder().setName("never_dispatched").setShepherdGroup(group()));

		long started = System.nanoTime();
		WaitForTaskResponse response = waitFor(id, 300L);
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		assertThat(response.getStatusCode()).isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);
		assertThat(response.getResultTypeCase()).isEqualTo(WaitForTaskResponse.ResultTypeCase.RESULTTYPE_NOT_SET);
		assertThat(tookMillis).as("waited for the time asked").isGreaterThanOrEqualTo(300);
		assertThat(waitFor(id, 0L).getStatusCode()).isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);
	}

	@Test
	void aMalformedTaskIdIsRejectedButOtherSpellingsOfAUuidAreAccepted() throws Exception {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> waitFor("not-a-uuid", 0L))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).startsWith("Invalid task_id UUID: ");
			});
		String group = group();
		RawShepherd shepherd = connect(group);
		String id = create(CreateTaskRequest.newBuilder().setName("spelled").setShepherdGroup(group));
		shepherd.succeed(shepherd.nextTask(DISPATCH).getTaskId(), AnyValue.newBuilder().setStringValue("ok").build());

		for (String spelling : List.of(id.toUpperCase(Locale.ROOT), id.replace("-", ""), "{" + id + "}",
				"urn:uuid:" + id)) {
			assertThat(waitFor(spelling, 5_000L).getSuccess().getResult().getStringValue()).as(spelling).isEqualTo("ok");
		}
	}

	// ---- CreateTask

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void createTaskChecksThePolicyThenKwargsThenTheFlowId(String description, UnaryOperator<CreateTaskRequest.Builder> change,
			String expectedMessage) {
		CreateTaskRequest.Builder request = change.apply(CreateTaskRequest.newBuilder()
			.setName("invalid")
			.setDomain(AzollaCluster.DOMAIN)
			.setArgs("[]")
			.setKwargs("{}")
			.setShepherdGroup(group()));

		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> client(DISPATCH).createTask(request.build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).startsWith(expectedMessage);
			});
	}

	static Stream<Arguments> invalidRequests() {
		RetryPolicy valid = fixed(0.01, 1).build();
		return Stream.of(
				Arguments.of("policy version 0", change((r) -> r.setRetryPolicy(valid.toBuilder().setVersion(0))),
						"Invalid retry policy: Unsupported retry policy version"),
				Arguments.of("zero attempts",
						change((r) -> r.setRetryPolicy(valid.toBuilder().setStop(RetryPolicyStop.newBuilder().setMaxAttempts(0)))),
						"Invalid retry policy: max_attempts must be >= 1"),
				Arguments.of("multiplier below 1", change((r) -> r.setRetryPolicy(valid.toBuilder()
					.setWait(RetryPolicyWait.newBuilder()
						.setExponential(RetryPolicyExponentialWait.newBuilder().setInitialDelay(1).setMultiplier(0.5).setMaxDelay(5))))),
						"Invalid retry policy: multiplier must be >= 1"),
				Arguments.of("exponential wait without multiplier", change((r) -> r.setRetryPolicy(valid.toBuilder()
					.setWait(RetryPolicyWait.newBuilder()
						.setExponential(RetryPolicyExponentialWait.newBuilder().setInitialDelay(1).setMaxDelay(5))))),
						"Invalid retry policy: multiplier must be >= 1"),
				Arguments.of("negative fixed delay", change((r) -> r.setRetryPolicy(valid.toBuilder()
					.setWait(RetryPolicyWait.newBuilder().setFixed(RetryPolicyFixedWait.newBuilder().setDelay(-1))))),
						"Invalid retry policy: delay values must be >= 0"),
				Arguments.of("empty kwargs", change((r) -> r.setKwargs("")), "Invalid kwargs JSON: "),
				Arguments.of("kwargs not JSON", change((r) -> r.setKwargs("{\"a\":")), "Invalid kwargs JSON: "),
				Arguments.of("kwargs with trailing text", change((r) -> r.setKwargs("{} x")), "Invalid kwargs JSON: "),
				Arguments.of("flow id not a uuid", change((r) -> r.setFlowInstanceId("flow-1")),
						"Invalid flow_instance_id UUID: "),
				Arguments.of("bad policy and bad kwargs: the policy is reported",
						change((r) -> r.setKwargs("").setRetryPolicy(valid.toBuilder().setVersion(2))),
						"Invalid retry policy: "));
	}

	private static UnaryOperator<CreateTaskRequest.Builder> change(UnaryOperator<CreateTaskRequest.Builder> change) {
		return change;
	}

	@Test
	void argsReachTheShepherdVerbatimAndKwargsCompactWithSortedKeys() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		String id = create(CreateTaskRequest.newBuilder()
			.setName("shaped")
			.setShepherdGroup(group)
			.setArgs("[ 1, {\"b\": 2, \"a\": 1} ]")
			.setKwargs("{ \"z\": 1, \"a\": {\"d\": [1, 2.5], \"c\": null} }"));

		Task task = shepherd.nextTask(DISPATCH);

		assertThat(task.getTaskId()).isEqualTo(id);
		assertThat(task.getName()).isEqualTo("shaped");
		assertThat(task.getArgs()).isEqualTo("[ 1, {\"b\": 2, \"a\": 1} ]");
		assertThat(task.getKwargs()).isEqualTo("{\"a\":{\"c\":null,\"d\":[1,2.5]},\"z\":1}");
		assertThat(task.hasMemoryLimit()).isFalse();
		assertThat(task.hasCpuLimit()).isFalse();
	}

	// ---- shepherd groups

	@Test
	void aTaskGoesOnlyToAShepherdOfItsGroup() throws Exception {
		String group = group();
		RawShepherd elsewhere = connect(group());
		String id = create(CreateTaskRequest.newBuilder().setName("grouped").setShepherdGroup(group));

		elsewhere.expectNoTask(Duration.ofSeconds(1));
		RawShepherd matching = connect(group);

		assertThat(matching.nextTask(DISPATCH).getTaskId()).isEqualTo(id);
		elsewhere.expectNoTask(Duration.ofMillis(200));
	}

	@Test
	void aTaskWithoutAGroupGoesToTheDefaultGroup() throws Exception {
		RawShepherd defaults = connect("default");
		String id = create(CreateTaskRequest.newBuilder().setName("ungrouped"));

		Task task = defaults.nextTask(DISPATCH);
		defaults.succeed(task.getTaskId(), AnyValue.newBuilder().setBoolValue(true).build());

		assertThat(task.getTaskId()).isEqualTo(id);
		assertThat(waitFor(id, 5_000L).getSuccess().getResult().getBoolValue()).isTrue();
	}

	// ---- results

	@Test
	void successValuesComeBackNormalised() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group, 32);
		SoftAssertions softly = new SoftAssertions();
		for (ValueCase value : valueCases()) {
			String id = create(CreateTaskRequest.newBuilder().setName("value").setShepherdGroup(group));
			String dispatched = shepherd.nextTask(DISPATCH).getTaskId();
			SuccessResult.Builder success = SuccessResult.newBuilder();
			if (value.sent != null) {
				success.setResult(value.sent);
			}
			shepherd.send(RawShepherd.result(TaskResult.newBuilder().setTaskId(dispatched).setSuccess(success)));

			WaitForTaskResponse response = waitFor(id, 5_000L);
			softly.assertThat(response.getStatusCode()).as(value.description).isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_COMPLETED);
			softly.assertThat(response.getSuccess().getResult()).as(value.description).isEqualTo(value.expected);
		}
		softly.assertAll();
	}

	record ValueCase(String description, AnyValue sent, AnyValue expected) {
	}

	static List<ValueCase> valueCases() {
		return List.of(new ValueCase("object: keys sorted, compact", json("{ \"b\": 1, \"a\": [true, null] }"),
				json("{\"a\":[true,null],\"b\":1}")),
				new ValueCase("JSON number text becomes an int", json("42"), integer(42)),
				new ValueCase("JSON string text becomes a string", json("\"hi\""), string("hi")),
				new ValueCase("text that is not JSON becomes a string", json("not json"), string("not json")),
				new ValueCase("JSON null stays JSON null", json("null"), json("null")),
				new ValueCase("JSON fraction becomes a double", json("1.5"), AnyValue.newBuilder().setDoubleValue(1.5).build()),
				new ValueCase("JSON integer above int64 becomes a uint", json("12345678901234567890"),
						AnyValue.newBuilder().setUintValue(Long.parseUnsignedLong("12345678901234567890")).build()),
				new ValueCase("JSON integer above uint64 becomes a double", json("18446744073709551616"),
						AnyValue.newBuilder().setDoubleValue(18446744073709551616.0).build()),
				new ValueCase("small uint becomes an int", AnyValue.newBuilder().setUintValue(5).build(), integer(5)),
				new ValueCase("uint above int64 stays a uint", AnyValue.newBuilder().setUintValue(Long.MIN_VALUE).build(),
						AnyValue.newBuilder().setUintValue(Long.MIN_VALUE).build()),
				new ValueCase("NaN becomes the integer 0", AnyValue.newBuilder().setDoubleValue(Double.NaN).build(), integer(0)),
				new ValueCase("infinity becomes the integer 0",
						AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build(), integer(0)),
				new ValueCase("a whole double stays a double", AnyValue.newBuilder().setDoubleValue(2.0).build(),
						AnyValue.newBuilder().setDoubleValue(2.0).build()),
				new ValueCase("negative int", integer(-7), integer(-7)),
				new ValueCase("bool", AnyValue.newBuilder().setBoolValue(false).build(),
						AnyValue.newBuilder().setBoolValue(false).build()),
				new ValueCase("string with unicode", string("grüß 😀"), string("grüß 😀")),
				new ValueCase("value with no variant becomes JSON null", AnyValue.getDefaultInstance(), json("null")),
				new ValueCase("success without a value becomes JSON null", null, json("null")));
	}

	@Test
	void errorsComeBackAsSentWithTheirDataNormalised() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group, 8);
		RetryPolicy never = fixed(0.01, 5).setRetry(RetryPolicyRetry.getDefaultInstance()).build();
		SoftAssertions softly = new SoftAssertions();
		for (String[] data : List.of(new String[] { "{}", "{}" }, new String[] { "", "\"\"" },
				new String[] { "oops", "\"oops\"" }, new String[] { "{\"b\": 1, \"a\": {\"d\": 2, \"c\": 3}}",
						"{\"a\":{\"c\":3,\"d\":2},\"b\":1}" },
				new String[] { "[1, 2]", "[1,2]" })) {
			String id = create(CreateTaskRequest.newBuilder().setName("error").setShepherdGroup(group).setRetryPolicy(never));
			shepherd.fail(shepherd.nextTask(DISPATCH).getTaskId(), ErrorResult.newBuilder()
				.setType("PaymentDeclined")
				.setMessage("card refused")
				.setData(data[0])
				.setRetriable(true)
				.build());

			ErrorResult error = waitFor(id, 5_000L).getError();
			softly.assertThat(error).as("data %s", data[0])
				.isEqualTo(ErrorResult.newBuilder()
					.setType("PaymentDeclined")
					.setMessage("card refused")
					.setData(data[1])
					.setRetriable(true)
					.build());
		}
		softly.assertAll();
	}

	@Test
	void aResultWithoutAnOutcomeFailsTheTaskAsUnknownError() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		String id = create(CreateTaskRequest.newBuilder().setName("empty_result").setShepherdGroup(group));
		shepherd.send(RawShepherd.result(TaskResult.newBuilder().setTaskId(shepherd.nextTask(DISPATCH).getTaskId())));

		assertThat(waitFor(id, 5_000L).getError()).isEqualTo(ErrorResult.newBuilder()
			.setType("UnknownError")
			.setMessage("Task result had no result_type")
			.setData("null")
			.setRetriable(false)
			.build());
		shepherd.expectNoTask(Duration.ofMillis(300));
	}

	// ---- retries

	@ParameterizedTest(name = "{0}")
	@MethodSource("retryCases")
	void retriesFollowThePolicyByErrorTypeAlone(String description, RetryPolicy policy, String errorType,
			int expectedAttempts) throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		CreateTaskRequest.Builder request = CreateTaskRequest.newBuilder().setName("failing").setShepherdGroup(group);
		if (policy != null) {
			request.setRetryPolicy(policy);
		}
		String id = create(request);

		for (int attempt = 1; attempt <= expectedAttempts; attempt++) {
			Task task = shepherd.nextTask(DISPATCH);
			assertThat(task.getTaskId()).isEqualTo(id);
			// Marked not retriable: the orchestrator must not care.
			shepherd.fail(id, RawShepherd.error(errorType).toBuilder().setMessage("attempt " + attempt).build());
		}

		ErrorResult error = waitFor(id, 10_000L).getError();
		assertThat(error.getType()).isEqualTo(errorType);
		assertThat(error.getMessage()).as("the last attempt's error").isEqualTo("attempt " + expectedAttempts);
		shepherd.expectNoTask(Duration.ofMillis(300));
	}

	static Stream<Arguments> retryCases() {
		return Stream.of(Arguments.of("the TaskError wildcard retries any type", fixed(0.02, 3).build(), "Boom", 3),
				Arguments.of("an included type is retried", fixed(0.02, 3)
					.setRetry(RetryPolicyRetry.newBuilder().addIncludeErrors("Boom")).build(), "Boom", 3),
				Arguments.of("a type outside the include list is not retried", fixed(0.02, 3)
					.setRetry(RetryPolicyRetry.newBuilder().addIncludeErrors("Other")).build(), "Boom", 1),
				Arguments.of("exclusion wins over the wildcard", fixed(0.02, 3)
					.setRetry(RetryPolicyRetry.newBuilder().addIncludeErrors("TaskError").addExcludeErrors("Boom")).build(),
						"Boom", 1),
				Arguments.of("an empty include list retries nothing",
						fixed(0.02, 3).setRetry(RetryPolicyRetry.getDefaultInstance()).build(), "Boom", 1),
				Arguments.of("no policy: only ValueError is retried, so another type is final", null, "KeyError", 1),
				Arguments.of("a policy without retry lists: only ValueError is retried",
						fixed(0.02, 3).clearRetry().build(), "KeyError", 1),
				Arguments.of("a policy without retry lists retries ValueError", fixed(0.02, 2).clearRetry().build(),
						"ValueError", 2),
				Arguments.of("a policy without stop makes five attempts", fixed(0.01, 1).clearStop().build(), "Boom", 5));
	}

	@Test
	void aPolicyWithAStopButNoAttemptLimitRetriesUntilSuccess() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		RetryPolicy unlimited = fixed(0.01, 1).setStop(RetryPolicyStop.getDefaultInstance()).build();
		String id = create(CreateTaskRequest.newBuilder().setName("persistent").setShepherdGroup(group).setRetryPolicy(unlimited));

		for (int attempt = 1; attempt <= 7; attempt++) {
			shepherd.fail(shepherd.nextTask(DISPATCH).getTaskId(), RawShepherd.error("Boom"));
		}
		shepherd.succeed(shepherd.nextTask(DISPATCH).getTaskId(), integer(8));

		assertThat(waitFor(id, 5_000L).getSuccess().getResult()).isEqualTo(integer(8));
	}

	@Test
	void theFirstRetryWaitsInitialTimesMultiplier() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		RetryPolicy exponential = fixed(0.01, 2).setWait(RetryPolicyWait.newBuilder()
			.setExponential(RetryPolicyExponentialWait.newBuilder().setInitialDelay(0.25).setMultiplier(2).setMaxDelay(10)))
			.build();
		String id = create(CreateTaskRequest.newBuilder().setName("backing_off").setShepherdGroup(group).setRetryPolicy(exponential));
		shepherd.nextTask(DISPATCH);

		long failedAt = System.nanoTime();
		shepherd.fail(id, RawShepherd.error("Boom"));
		shepherd.nextTask(DISPATCH);
		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);

		assertThat(waitedMillis).as("0.25 s × 2").isGreaterThanOrEqualTo(450);
	}

	@Test
	void theElapsedLimitIsCheckedOnlyWhenAFailureArrives() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		RetryPolicy oneSecond = fixed(0.01, 10).setStop(RetryPolicyStop.newBuilder().setMaxDelay(1)).build();
		String id = create(CreateTaskRequest.newBuilder().setName("limited").setShepherdGroup(group).setRetryPolicy(oneSecond));

		shepherd.fail(shepherd.nextTask(DISPATCH).getTaskId(), RawShepherd.error("Boom"));
		shepherd.nextTask(DISPATCH);
		Thread.sleep(1_200);
		assertThat(waitFor(id, 0L).getStatusCode()).as("still running past the limit")
			.isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);
		shepherd.fail(id, RawShepherd.error("Boom").toBuilder().setMessage("late").build());

		assertThat(waitFor(id, 5_000L).getError().getMessage()).isEqualTo("late");
		shepherd.expectNoTask(Duration.ofMillis(300));
	}

	// ---- repeated, late and misplaced results

	@Test
	void aRepeatedIdenticalResultForAFinishedTaskChangesNothing() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		String succeeded = create(CreateTaskRequest.newBuilder().setName("twice").setShepherdGroup(group));
		shepherd.succeed(shepherd.nextTask(DISPATCH).getTaskId(), string("done"));
		assertThat(waitFor(succeeded, 5_000L).getSuccess().getResult()).isEqualTo(string("done"));
		String failed = create(CreateTaskRequest.newBuilder()
			.setName("twice")
			.setShepherdGroup(group)
			.setRetryPolicy(fixed(0.01, 2).build()));
		shepherd.fail(shepherd.nextTask(DISPATCH).getTaskId(), RawShepherd.error("Boom"));
		shepherd.fail(shepherd.nextTask(DISPATCH).getTaskId(), RawShepherd.error("Boom"));
		ErrorResult finalError = waitFor(failed, 5_000L).getError();

		shepherd.succeed(succeeded, string("done"));
		shepherd.fail(failed, RawShepherd.error("Boom"));

		shepherd.expectNoTask(Duration.ofMillis(500));
		assertThat(waitFor(succeeded, 0L).getSuccess().getResult()).isEqualTo(string("done"));
		assertThat(waitFor(failed, 0L).getError()).isEqualTo(finalError);
	}

	@Test
	void aLateDifferentSuccessOverwritesTheStoredOne() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		String id = create(CreateTaskRequest.newBuilder().setName("overwritten").setShepherdGroup(group));
		shepherd.succeed(shepherd.nextTask(DISPATCH).getTaskId(), string("first"));
		assertThat(waitFor(id, 5_000L).getSuccess().getResult()).isEqualTo(string("first"));

		shepherd.succeed(id, string("second"));

		awaitResult(id, string("second"));
	}

	@Test
	void aResultOnAnotherStreamCompletesTheTask() throws Exception {
		String group = group();
		RawShepherd first = connect(group);
		String id = create(CreateTaskRequest.newBuilder().setName("moved").setShepherdGroup(group));
		first.nextTask(DISPATCH);
		first.close();
		first.awaitClosed(DISPATCH);

		RawShepherd second = connect(group());
		second.succeed(id, integer(2));

		assertThat(waitFor(id, 5_000L).getSuccess().getResult()).isEqualTo(integer(2));
	}

	@Test
	void aResultSentBeforeHelloIsLost() throws Exception {
		String group = group();
		RawShepherd registered = connect(group);
		String id = create(CreateTaskRequest.newBuilder().setName("early").setShepherdGroup(group));
		registered.nextTask(DISPATCH);

		RawShepherd early = RawShepherd.open(this.channel);
		this.shepherds.add(early);
		early.succeed(id, string("lost"));
		early.hello(group(), 1);
		Thread.sleep(500);

		assertThat(waitFor(id, 0L).getStatusCode()).isEqualTo(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT);
		registered.succeed(id, string("kept"));
		assertThat(waitFor(id, 5_000L).getSuccess().getResult()).isEqualTo(string("kept"));
	}

	// ---- the stream

	@Test
	void aShepherdUuidCanBeReusedOnANewStream() throws Exception {
		String group = group();
		String uuid = UUID.randomUUID().toString();
		RawShepherd first = connect(uuid, group);
		first.close();
		first.awaitClosed(DISPATCH);
		Thread.sleep(200);

		RawShepherd again = connect(uuid, group);
		String id = create(CreateTaskRequest.newBuilder().setName("reused").setShepherdGroup(group));

		assertThat(again.nextTask(DISPATCH).getTaskId()).isEqualTo(id);
	}

	@Test
	void aMalformedUuidInHelloEndsTheStreamWithStatusOk() throws Exception {
		RawShepherd shepherd = RawShepherd.open(this.channel);
		this.shepherds.add(shepherd);
		shepherd.send(ClientMsg.newBuilder()
			.setHello(io.azolla.proto.orchestrator.Hello.newBuilder()
				.setShepherdUuid("not-a-uuid")
				.setDomain(AzollaCluster.DOMAIN)
				.setShepherdGroup(group())
				.setMaxConcurrency(1))
			.build());

		assertThat(shepherd.awaitClosed(DISPATCH).getCode()).isEqualTo(io.grpc.Status.Code.OK);
	}

	@Test
	void aValidAckIsAcceptedAndAMalformedOneEndsTheStreamWithStatusOk() throws Exception {
		String group = group();
		RawShepherd shepherd = connect(group);
		String id = create(CreateTaskRequest.newBuilder().setName("acked").setShepherdGroup(group));
		shepherd.send(ClientMsg.newBuilder().setAck(Ack.newBuilder().setTaskId(shepherd.nextTask(DISPATCH).getTaskId())).build());
		shepherd.succeed(id, integer(1));
		assertThat(waitFor(id, 5_000L).getSuccess().getResult()).isEqualTo(integer(1));

		shepherd.send(ClientMsg.newBuilder().setAck(Ack.newBuilder().setTaskId("nope")).build());

		assertThat(shepherd.awaitClosed(DISPATCH).getCode()).isEqualTo(io.grpc.Status.Code.OK);
	}

	// ---- the starter on top

	@Test
	void theStartersClientAndShepherdRunTasksWithRetriesAndSeeUnknownTasksAsTheRealOneShowsThem() {
		String group = group();
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(E2eWorkerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=http://" + target(), "azolla.worker.shepherd-group=" + group,
					"azolla.tasks.java_greet.shepherd-group=" + group, "azolla.tasks.java_fail.shepherd-group=" + group,
					"spring.main.banner-mode=off")
			.run()) {
			AzollaClient client = application.getBean(AzollaClient.class);

			io.azolla.spring.model.TaskResult greeting = client.submitTask("java_greet").args("Ada", 36).submit().await(DISPATCH);
			io.azolla.spring.model.TaskResult failure = client.submitTask("java_fail")
				.args("Boom")
				.retryPolicy(io.azolla.spring.retry.RetryPolicy.fixed(Duration.ofMillis(20)).maxAttempts(3).build())
				.submit()
				.await(DISPATCH);
			TaskHandle unknown = client.taskHandle(UUID.randomUUID().toString());

			assertThat(greeting.value().toString()).isEqualTo("{\"age\":36,\"greeting\":\"Hello Ada\"}");
			assertThat(failure.failure().orElseThrow().type()).isEqualTo("Boom");
			assertThat(failure.failure().orElseThrow().code()).contains("E2E");
			assertThat(E2eWorkerApplication.Tasks.executions.get(failure.taskId())).hasValue(3);
			assertThat(unknown.tryResult()).isEmpty();
			assertThatExceptionOfType(TaskNotFoundException.class).isThrownBy(() -> unknown.await(Duration.ofSeconds(5)));
		}
	}

	// ---- flows and events

	@Test
	void flowAndEventCallsAnswerWithoutDoingAnything() {
		ClientServiceGrpc.ClientServiceBlockingStub client = client(DISPATCH);

		assertThat(UUID.fromString(client.createFlow(CreateFlowRequest.newBuilder().setName("f").setDag("{}").build())
			.getFlowId())).isNotNull();
		assertThat(client.waitForFlow(WaitForFlowRequest.newBuilder().setFlowId("anything").build()).getStatus())
			.isEqualTo("COMPLETED");
		assertThat(client.publishTaskEvent(PublishTaskEventRequest.newBuilder().setTaskInstanceId("x").build()).getSuccess())
			.isTrue();
		assertThat(client.publishFlowEvent(PublishFlowEventRequest.newBuilder().setFlowInstanceId("x").build()).getSuccess())
			.isTrue();
	}

	// ---- helpers

	private RawShepherd connect(String group) {
		return connect(group, 4);
	}

	private RawShepherd connect(String group, int maxConcurrency) {
		RawShepherd shepherd = RawShepherd.connect(this.channel, group, maxConcurrency);
		this.shepherds.add(shepherd);
		return shepherd;
	}

	private RawShepherd connect(String uuid, String group) {
		RawShepherd shepherd = RawShepherd.connect(this.channel, uuid, group, 4);
		this.shepherds.add(shepherd);
		return shepherd;
	}

	private static String group() {
		return "cases-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private String create(CreateTaskRequest.Builder request) {
		if (request.getDomain().isEmpty()) {
			request.setDomain(AzollaCluster.DOMAIN);
		}
		if (request.getArgs().isEmpty()) {
			request.setArgs("[]");
		}
		if (request.getKwargs().isEmpty()) {
			request.setKwargs("{}");
		}
		return client(DISPATCH).createTask(request.build()).getTaskId();
	}

	private WaitForTaskResponse waitFor(String id, Long timeoutMillis) {
		WaitForTaskRequest.Builder request = WaitForTaskRequest.newBuilder().setTaskId(id).setDomain(AzollaCluster.DOMAIN);
		if (timeoutMillis != null) {
			request.setTimeoutMs(timeoutMillis);
		}
		long wait = (timeoutMillis != null) ? timeoutMillis : 300_000;
		return client(Duration.ofMillis(wait).plusSeconds(10)).waitForTask(request.build());
	}

	/**
	 * Waits for a task's stored result to become the given value; a result that replaces
	 * another is applied asynchronously.
	 */
	private void awaitResult(String id, AnyValue expected) throws InterruptedException {
		long deadline = System.nanoTime() + DISPATCH.toNanos();
		AnyValue seen = null;
		while (System.nanoTime() < deadline) {
			seen = waitFor(id, 0L).getSuccess().getResult();
			if (seen.equals(expected)) {
				return;
			}
			Thread.sleep(50);
		}
		assertThat(seen).isEqualTo(expected);
	}

	private ClientServiceGrpc.ClientServiceBlockingStub client(Duration deadline) {
		return ClientServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
	}

	static RetryPolicy.Builder fixed(double delaySeconds, int maxAttempts) {
		return RetryPolicy.newBuilder()
			.setVersion(1)
			.setStop(RetryPolicyStop.newBuilder().setMaxAttempts(maxAttempts))
			.setWait(RetryPolicyWait.newBuilder().setFixed(RetryPolicyFixedWait.newBuilder().setDelay(delaySeconds)))
			.setRetry(RetryPolicyRetry.newBuilder().addIncludeErrors("TaskError"));
	}

	private static AnyValue json(String text) {
		return AnyValue.newBuilder().setJsonValue(text).build();
	}

	private static AnyValue string(String text) {
		return AnyValue.newBuilder().setStringValue(text).build();
	}

	private static AnyValue integer(long value) {
		return AnyValue.newBuilder().setIntValue(value).build();
	}

}
