package io.azolla.spring.client.grpc;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskStatus;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.OrchestratorUnavailableException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskRejectedException;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.model.ResultMappingException;
import io.azolla.spring.model.TaskFailedException;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.TransportRetry;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract tests: what the client puts on the wire and how it reads every answer shape, against
 * an in-process fake of the orchestrator's ClientService.
 */
class GrpcAzollaClientTests {

	private static final String ID = FakeClientService.TASK_ID;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final FakeClientService service = new FakeClientService();

	private final AtomicInteger calls = new AtomicInteger();

	private Server server;

	private ManagedChannel channel;

	private GrpcAzollaClient client;

	@BeforeEach
	void startServer() throws IOException {
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name).directExecutor().addService(this.service).build().start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		this.client = newClient(countingCalls(this.channel), settings(), TaskDefaults.of(RetryPolicy.defaults()));
	}

	@AfterEach
	void stopServer() {
		this.client.close();
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

	@Test
	void positionalArgumentsAreSentAsOneJsonArrayWithEmptyKwargsObject() {
		this.client.submitTask("greet_user").args("Alice", 25).submit();

		CreateTaskRequest sent = onlyCreate();
		assertThat(sent.getName()).isEqualTo("greet_user");
		assertThat(sent.getDomain()).isEqualTo("default");
		assertThat(sent.getArgs()).isEqualTo("[\"Alice\",25]");
		assertThat(sent.getKwargs()).isEqualTo("{}");
		assertThat(sent.hasFlowInstanceId()).isFalse();
	}

	@Test
	void aBuilderWithNothingButAChannelSubmitsWithTheDefaultSettings() {
		try (GrpcAzollaClient built = GrpcAzollaClient.builder(this.channel).build()) {
			built.submitTask("echo").args("x").submit();
		}

		assertThat(onlyCreate().getDomain()).isEqualTo(AzollaClientSettings.defaults().domain());
		assertThat(onlyCreate().getArgs()).isEqualTo("[\"x\"]");
	}

	@Test
	void aBuilderHandsItsSettingsTaskDefaultsAndObserverToTheClient() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ClientObserver observer = new ClientObserver() {

			@Override
			public Call submitting(String taskName) {
				observed.add(taskName);
				return Call.NONE;
			}

		};
		TaskDefaults mail = new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return RetryPolicy.none();
			}

			@Override
			public Optional<String> shepherdGroup(String taskName) {
				return Optional.of("mail");
			}

		};
		try (GrpcAzollaClient built = GrpcAzollaClient.builder(this.channel)
			.settings(settings())
			.settings((current) -> current.withDomain("billing"))
			.defaults(mail)
			.observer(observer)
			.build()) {
			assertThat(built.domain()).isEqualTo("billing");
			built.submitTask("send").submit();
		}

		assertThat(onlyCreate().getDomain()).isEqualTo("billing");
		assertThat(onlyCreate().getShepherdGroup()).isEqualTo("mail");
		assertThat(observed).containsExactly("send");
	}

	@Test
	void submissionWithoutArgumentsSendsEmptyArray() {
		this.client.submitTask("tick").submit();

		assertThat(onlyCreate().getArgs()).isEqualTo("[]");
	}

	@Test
	void recordsMapsAndListsAreSerialisedAsPositionalElements() {
		this.client.submitTask("order").args(new Order("A-1", 3), List.of(1, 2), Map.of("k", true)).submit();

		assertThat(onlyCreate().getArgs()).isEqualTo("[{\"id\":\"A-1\",\"quantity\":3},[1,2],{\"k\":true}]");
	}

	@Test
	void kwargsAreSentAsJsonObject() {
		this.client.submitTask("greet_user").kwargs(Map.of("lang", "fr")).submit();

		assertThat(onlyCreate().getKwargs()).isEqualTo("{\"lang\":\"fr\"}");
	}

	@Test
	void rawJsonArgumentsAreSentUnchanged() {
		this.client.submitTask("echo").argsJson("[null]").kwargsJson("{\"b\": 1}").submit();

		assertThat(onlyCreate().getArgs()).isEqualTo("[null]");
		assertThat(onlyCreate().getKwargs()).isEqualTo("{\"b\": 1}");
	}

	@Test
	void defaultRetryPolicyIsSentInFullWithVersionOne() {
		this.client.submitTask("echo").submit();

		io.azolla.proto.common.RetryPolicy policy = onlyCreate().getRetryPolicy();
		assertThat(onlyCreate().hasRetryPolicy()).isTrue();
		assertThat(policy.getVersion()).isEqualTo(1);
		assertThat(policy.hasStop()).isTrue();
		assertThat(policy.getStop().getMaxAttempts()).isEqualTo(5);
		assertThat(policy.getStop().hasMaxDelay()).isFalse();
		assertThat(policy.getWait().hasExponentialJitter()).isTrue();
		assertThat(policy.getWait().getExponentialJitter().getInitialDelay()).isEqualTo(1.0);
		assertThat(policy.getWait().getExponentialJitter().getMultiplier()).isEqualTo(2.0);
		assertThat(policy.getWait().getExponentialJitter().getMaxDelay()).isEqualTo(300.0);
		assertThat(policy.getRetry().getIncludeErrorsList()).containsExactly("TaskError");
		assertThat(policy.getRetry().getExcludeErrorsList()).containsExactly("TaskValidationError", "ValidationError",
				"InvalidArguments", "TaskNotFound", "TaskTimeoutError");
	}

	@Test
	void perCallRetryPolicyReplacesTheConfiguredOne() {
		this.client.submitTask("echo")
			.retryPolicy(RetryPolicy.fixed(Duration.ofMillis(250)).unlimitedAttempts().maxElapsed(Duration.ofMinutes(1))
				.includeErrors("ValueError").excludeErrors().build())
			.submit();

		io.azolla.proto.common.RetryPolicy policy = onlyCreate().getRetryPolicy();
		assertThat(policy.getStop().hasMaxAttempts()).isFalse();
		assertThat(policy.getStop().getMaxDelay()).isEqualTo(60.0);
		assertThat(policy.getWait().getFixed().getDelay()).isEqualTo(0.25);
		assertThat(policy.getRetry().getIncludeErrorsList()).containsExactly("ValueError");
		assertThat(policy.getRetry().getExcludeErrorsList()).isEmpty();
	}

	@Test
	void shepherdGroupIsAbsentUnlessSet() {
		this.client.submitTask("a").submit();
		this.client.submitTask("b").shepherdGroup("gpu").submit();

		assertThat(this.service.creates.get(0).hasShepherdGroup()).isFalse();
		assertThat(this.service.creates.get(1).getShepherdGroup()).isEqualTo("gpu");
	}

	@Test
	void perTaskDefaultsApplyUnderPerCallValues() {
		RetryPolicy mailPolicy = RetryPolicy.builder().maxAttempts(10).build();
		TaskDefaults defaults = new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return taskName.equals("send_email") ? mailPolicy : RetryPolicy.defaults();
			}

			@Override
			public Optional<String> shepherdGroup(String taskName) {
				return taskName.equals("send_email") ? Optional.of("mail") : Optional.empty();
			}

		};
		GrpcAzollaClient configured = newClient(this.channel, settings(), defaults);

		configured.submitTask("send_email").submit();
		configured.submitTask("send_email").shepherdGroup("bulk").retryPolicy(RetryPolicy.none()).submit();

		assertThat(this.service.creates.get(0).getShepherdGroup()).isEqualTo("mail");
		assertThat(this.service.creates.get(0).getRetryPolicy().getStop().getMaxAttempts()).isEqualTo(10);
		assertThat(this.service.creates.get(1).getShepherdGroup()).isEqualTo("bulk");
		assertThat(this.service.creates.get(1).getRetryPolicy().getStop().getMaxAttempts()).isEqualTo(1);
		configured.close();
	}

	@Test
	void malformedRequestsAreRefusedBeforeAnythingIsSent() {
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.client.submitTask(" ").submit())
			.withMessageContaining("task name must not be blank");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.client.submitTask("a").shepherdGroup("").submit())
			.withMessageContaining("shepherd group must not be empty");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.client.submitTask("a").args(new Unserialisable()).submit())
			.withMessageContaining("task 'a'")
			.withMessageContaining("cannot be serialised");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.client.submitTask("a").argsJson("{\"x\":1}").submit())
			.withMessageContaining("args must be a JSON array");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.client.submitTask("a").kwargsJson("{oops").submit())
			.withMessageContaining("kwargs is not valid JSON");
		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.client.submitTask("a").kwargs(List.of(1)).submit())
			.withMessageContaining("kwargs must serialise to a JSON object");
		assertThat(this.service.creates).isEmpty();
	}

	@Test
	void requestsLargerThanTheMessageLimitAreRefusedLocally() {
		GrpcAzollaClient small = newClient(this.channel,
				new AzollaClientSettings("default", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
						1024, TransportRetry.none()),
				TaskDefaults.of(RetryPolicy.defaults()));

		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> small.submitTask("big").args("x".repeat(2000)).submit())
			.withMessageContaining("more than the configured maximum of 1024");
		assertThat(this.service.creates).isEmpty();
		small.close();
	}

	@Test
	void invalidArgumentFromTheOrchestratorBecomesTaskRejected() {
		this.service.createFailure = Status.INVALID_ARGUMENT.withDescription("Invalid kwargs JSON: EOF");

		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.client.submitTask("x").submit())
			.withMessageContaining("task 'x'")
			.withMessageContaining("Invalid kwargs JSON: EOF")
			.satisfies((ex) -> assertThat(ex.getTaskName()).isEqualTo("x"));
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void brokenConnectionDuringCreationIsNotRetriedAndSaysTheOutcomeIsUnknown() {
		this.service.createFailure = Status.UNAVAILABLE.withDescription("connection reset");

		assertThatExceptionOfType(OrchestratorUnavailableException.class)
			.isThrownBy(() -> this.client.submitTask("x").submit())
			.satisfies((ex) -> assertThat(ex.isOutcomeUnknown()).isTrue())
			.withMessageContaining("may have been created");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void internalErrorDuringCreationBecomesOrchestratorException() {
		this.service.createFailure = Status.INTERNAL.withDescription("Failed to write event");

		assertThatExceptionOfType(OrchestratorException.class).isThrownBy(() -> this.client.submitTask("x").submit())
			.withMessageContaining("INTERNAL: Failed to write event");
	}

	@Test
	void deadOrchestratorIsRetriedThenReportedAsUnavailableWithKnownOutcome() throws IOException {
		ManagedChannel dead = NettyChannelBuilder.forTarget("127.0.0.1:" + freePort()).usePlaintext().build();
		GrpcAzollaClient deadClient = newClient(countingCalls(dead), settings(), TaskDefaults.of(RetryPolicy.defaults()));
		try {
			assertThatExceptionOfType(OrchestratorUnavailableException.class)
				.isThrownBy(() -> deadClient.submitTask("x").submit())
				.satisfies((ex) -> assertThat(ex.isOutcomeUnknown()).isFalse())
				.withMessageContaining("orchestrator is unavailable");
			assertThat(this.calls).hasValue(3);

			this.calls.set(0);
			assertThatExceptionOfType(OrchestratorUnavailableException.class)
				.isThrownBy(() -> deadClient.taskHandle(ID).await(Duration.ofSeconds(10)))
				.withMessageContaining(ID);
			assertThat(this.calls).hasValue(3);
		}
		finally {
			deadClient.close();
			dead.shutdownNow();
		}
	}

	@Test
	void everyAnyValueVariantDecodesToItsJsonValue() {
		assertThat(successWith(AnyValue.newBuilder().setStringValue("hi")).valueAs(String.class)).isEqualTo("hi");
		assertThat(successWith(AnyValue.newBuilder().setIntValue(-7)).valueAs(Long.class)).isEqualTo(-7L);
		assertThat(successWith(AnyValue.newBuilder().setIntValue(42)).valueAs(Double.class)).isEqualTo(42.0);
		assertThat(successWith(AnyValue.newBuilder().setUintValue(-1L)).valueAs(BigInteger.class))
			.isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(successWith(AnyValue.newBuilder().setDoubleValue(2.5)).valueAs(Double.class)).isEqualTo(2.5);
		assertThat(successWith(AnyValue.newBuilder().setBoolValue(true)).valueAs(Boolean.class)).isTrue();
		assertThat(successWith(AnyValue.newBuilder().setJsonValue("{\"id\":\"A-1\",\"quantity\":3}")).valueAs(Order.class))
			.isEqualTo(new Order("A-1", 3));
		assertThat(successWith(AnyValue.newBuilder().setJsonValue("[1,2,3]")).valueAs(new TypeReference<List<Integer>>() {
		})).containsExactly(1, 2, 3);
		assertThat(successWith(AnyValue.newBuilder().setJsonValue("null")).value().isNull()).isTrue();
		assertThat(successWith(AnyValue.newBuilder()).value().isNull()).isTrue();
	}

	@Test
	void resultOfTheWrongShapeFailsWithAMappingErrorNamingTheTask() {
		TaskResult result = successWith(AnyValue.newBuilder().setStringValue("not a number"));

		assertThatExceptionOfType(ResultMappingException.class).isThrownBy(() -> result.valueAs(Integer.class))
			.withMessageContaining(ID)
			.withMessageContaining("java.lang.Integer");
	}

	@Test
	void failedTaskExposesTypeMessageDataAndRetriable() {
		this.service.answerWaits(WaitForTaskResponse.newBuilder()
			.setStatusCode(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_COMPLETED)
			.setError(ErrorResult.newBuilder()
				.setType("TaskValidationError")
				.setMessage("bad email")
				.setData("{\"code\":\"VALIDATION_ERROR\",\"field\":\"to\"}")
				.setRetriable(false))
			.build());

		TaskResult result = this.client.taskHandle(ID).await(Duration.ofSeconds(5));

		assertThat(result.isSuccess()).isFalse();
		TaskFailure failure = result.failure().orElseThrow();
		assertThat(failure.type()).isEqualTo("TaskValidationError");
		assertThat(failure.message()).isEqualTo("bad email");
		assertThat(failure.code()).contains("VALIDATION_ERROR");
		assertThat(failure.data().get("field").stringValue()).isEqualTo("to");
		assertThat(failure.retriable()).isFalse();
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> result.valueAs(String.class))
			.withMessageContaining("TaskValidationError: bad email")
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(failure));
	}

	@Test
	void nonJsonErrorDataIsKeptAsAJsonString() {
		this.service.answerWaits(WaitForTaskResponse.newBuilder()
			.setStatusCode(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_COMPLETED)
			.setError(ErrorResult.newBuilder().setType("TestError").setMessage("m").setData("\"oops\""))
			.build());

		TaskFailure failure = this.client.taskHandle(ID).await(Duration.ofSeconds(5)).failure().orElseThrow();

		assertThat(failure.data().isString()).isTrue();
		assertThat(failure.data().stringValue()).isEqualTo("oops");
		assertThat(failure.code()).isEmpty();
	}

	@Test
	void awaitKeepsWaitingWhileTheOrchestratorAnswersTimeout() {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT),
				FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_UNSPECIFIED),
				completed(AnyValue.newBuilder().setIntValue(3)));

		TaskResult result = this.client.submitTask("add").args(1, 2).submit().await(Duration.ofSeconds(30));

		assertThat(result.valueAs(Integer.class)).isEqualTo(3);
		assertThat(this.service.waits).hasSize(3);
		assertThat(this.service.waits).allSatisfy((wait) -> {
			assertThat(wait.getTaskId()).isEqualTo(ID);
			assertThat(wait.getDomain()).isEqualTo("default");
			assertThat(wait.hasTimeoutMs()).isTrue();
		});
	}

	@Test
	void longWaitsAreSplitBelowTheServerCapWithDeadlinesLongerThanTheWait() {
		WaitForTaskResponse done = completed(AnyValue.newBuilder().setIntValue(1));
		this.service.answerWaits((request) -> (request.getTimeoutMs() == 0)
				? FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT) : done);

		this.client.taskHandle(ID).await(Duration.ofHours(1));

		int longPoll = this.service.waits.size() - 1;
		long askedMillis = this.service.waits.get(longPoll).getTimeoutMs();
		assertThat(askedMillis).isEqualTo(Duration.ofSeconds(60).toMillis());
		assertThat(this.service.waitDeadlinesMillis.get(longPoll)).isGreaterThan(askedMillis);
	}

	@Test
	void awaitGivesUpWithAWaitTimeoutWhenTheTaskIsStillRunning() {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT));

		assertThatExceptionOfType(TaskWaitTimeoutException.class)
			.isThrownBy(() -> this.client.taskHandle(ID).await(Duration.ofMillis(300)))
			.withMessageContaining(ID)
			.satisfies((ex) -> assertThat(ex.getWaited()).isEqualTo(Duration.ofMillis(300)));
		assertThat(this.service.waits.get(0).getTimeoutMs()).isLessThanOrEqualTo(300);
	}

	@Test
	void unknownTaskBecomesTaskNotFoundNamingIdAndDomain() {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TASK_NOT_FOUND));

		assertThatExceptionOfType(TaskNotFoundException.class)
			.isThrownBy(() -> this.client.taskHandle(ID).await(Duration.ofSeconds(5)))
			.withMessageContaining(ID)
			.withMessageContaining("domain 'default'");
	}

	@Test
	void internalErrorStatusBecomesOrchestratorException() {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_INTERNAL_ERROR));

		assertThatExceptionOfType(OrchestratorException.class)
			.isThrownBy(() -> this.client.taskHandle(ID).await(Duration.ofSeconds(5)))
			.withMessageContaining("internal error");
	}

	@Test
	void tryResultAsksOnceWithZeroTimeout() {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT),
				completed(AnyValue.newBuilder().setStringValue("done")));
		TaskHandle handle = this.client.taskHandle(ID);

		assertThat(handle.tryResult()).isEmpty();
		assertThat(handle.tryResult()).map((result) -> result.valueAs(String.class)).contains("done");
		assertThat(this.service.waits).hasSize(2).allSatisfy((wait) -> assertThat(wait.getTimeoutMs()).isZero());
	}

	@Test
	void finishedResultIsRememberedByTheHandle() {
		this.service.answerWaits(completed(AnyValue.newBuilder().setStringValue("done")));
		TaskHandle handle = this.client.taskHandle(ID);

		handle.await(Duration.ofSeconds(5));
		handle.await(Duration.ofSeconds(5));
		handle.tryResult();

		assertThat(this.service.waits).hasSize(1);
	}

	@Test
	void resultAsyncCompletesWithTheResult() throws Exception {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT),
				completed(AnyValue.newBuilder().setBoolValue(true)));

		CompletableFuture<TaskResult> future = this.client.taskHandle(ID).resultAsync(Duration.ofSeconds(30));

		assertThat(future.get(10, TimeUnit.SECONDS).valueAs(Boolean.class)).isTrue();
	}

	@Test
	void cancellingResultAsyncCancelsTheCallInFlight() throws Exception {
		this.service.holdWaits = true;

		CompletableFuture<TaskResult> future = this.client.taskHandle(ID).resultAsync(Duration.ofSeconds(30));
		assertThat(this.service.waitArrived.await(5, TimeUnit.SECONDS)).isTrue();
		future.cancel(true);

		assertThat(this.service.waitCancelled.await(5, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
	}

	@Test
	void closingTheClientEndsWaitsStillUnderWay() throws Exception {
		this.service.answerWaits(FakeClientService.status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT));
		CompletableFuture<TaskResult> future = this.client.taskHandle(ID).resultAsync(Duration.ofMinutes(5));

		this.client.close();

		assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OrchestratorException.class)
			.hasMessageContaining("the client was closed");
	}

	private TaskResult successWith(AnyValue.Builder value) {
		this.service.answerWaits(completed(value));
		return this.client.taskHandle(ID).await(Duration.ofSeconds(5));
	}

	private static WaitForTaskResponse completed(AnyValue.Builder value) {
		SuccessResult.Builder success = SuccessResult.newBuilder();
		if (value.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET) {
			success.setResult(value);
		}
		return WaitForTaskResponse.newBuilder()
			.setStatusCode(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_COMPLETED)
			.setSuccess(success)
			.build();
	}

	private CreateTaskRequest onlyCreate() {
		assertThat(this.service.creates).hasSize(1);
		return this.service.creates.get(0);
	}

	private GrpcAzollaClient newClient(Channel channel, AzollaClientSettings settings, TaskDefaults defaults) {
		return new GrpcAzollaClient(channel, settings, defaults, this.mapper);
	}

	private static AzollaClientSettings settings() {
		return AzollaClientSettings.defaults()
			.withTransportRetry(new TransportRetry(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50)));
	}

	private Channel countingCalls(Channel channel) {
		return ClientInterceptors.intercept(channel, new ClientInterceptor() {

			@Override
			public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
				GrpcAzollaClientTests.this.calls.incrementAndGet();
				return next.newCall(method, options);
			}

		});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	record Order(String id, int quantity) {
	}

	static class Unserialisable {

		public String getBoom() {
			throw new IllegalStateException("no");
		}

	}

}
