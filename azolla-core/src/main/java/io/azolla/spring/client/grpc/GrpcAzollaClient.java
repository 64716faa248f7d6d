package io.azolla.spring.client.grpc;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.CreateTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.TaskSubmission;
import io.azolla.spring.client.support.ClientObservations;
import io.azolla.spring.client.support.MixedArguments;
import io.azolla.spring.client.support.TaskRequests;
import io.azolla.spring.model.AnyValues;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.RetryPolicyProtos;
import io.azolla.spring.retry.TransportRetry;
import io.azolla.spring.worker.AzollaThreads;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An {@link AzollaClient} that talks to a real orchestrator over gRPC.
 * <p>
 * Waiting never blocks forever: every wait has a caller-given or default limit, long waits are
 * split into calls below the orchestrator's 5 minute cap, and each call's deadline is its wait
 * plus {@link AzollaClientSettings#rpcTimeout()}. Connection failures are retried with
 * {@link AzollaClientSettings#transportRetry()}, except for a task creation that may have
 * reached the orchestrator.
 */
public final class GrpcAzollaClient implements AzollaClient, AutoCloseable {

	private static final Log logger = LogFactory.getLog(GrpcAzollaClient.class);

	private final Channel channel;

	private final AzollaClientSettings settings;

	private final TaskDefaults defaults;

	private final ObjectMapper mapper;

	private final ScheduledExecutorService scheduler;

	private final Set<CompletableFuture<TaskResult>> openWaits = ConcurrentHashMap.newKeySet();

	private final ClientObserver observer;

	private final ProbeBudget probeBudget;

	private final LongTaskMemory longTasks;

	/**
	 * Creates a client.
	 * @param channel the channel to the orchestrator; the caller keeps ownership
	 * @param settings the client settings
	 * @param defaults per-task retry policies and shepherd groups
	 * @param mapper the mapper for arguments and results
	 */
	public GrpcAzollaClient(Channel channel, AzollaClientSettings settings, TaskDefaults defaults,
			ObjectMapper mapper) {
		this(channel, settings, defaults, mapper, ClientObserver.NONE);
	}

	/**
	 * Creates a client whose submissions and waits are observed.
	 * @param channel the channel to the orchestrator; the caller keeps ownership
	 * @param settings the client settings
	 * @param defaults per-task retry policies and shepherd groups
	 * @param mapper the mapper for arguments and results
	 * @param observer told about each submission and wait
	 */
	public GrpcAzollaClient(Channel channel, AzollaClientSettings settings, TaskDefaults defaults,
			ObjectMapper mapper, ClientObserver observer) {
		this(channel, settings, defaults, mapper, observer, System::nanoTime);
	}

	/**
	 * Returns a builder of a client that talks over the given channel, with
	 * {@link AzollaClientSettings#defaults()}, the default retry policy for every task, a
	 * plain JSON mapper and no observer until told otherwise.
	 * @param channel the channel to the orchestrator; the caller keeps ownership
	 * @return a new builder
	 */
	public static Builder builder(Channel channel) {
		return new Builder(channel);
	}

	/**
	 * Creates a client whose probe budget follows the given clock, for tests.
	 */
	GrpcAzollaClient(Channel channel, AzollaClientSettings settings, TaskDefaults defaults, ObjectMapper mapper,
			ClientObserver observer, LongSupplier nanoClock) {
		this.observer = Objects.requireNonNull(observer, "observer");
		this.channel = Objects.requireNonNull(channel, "channel");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.defaults = Objects.requireNonNull(defaults, "defaults");
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.probeBudget = new ProbeBudget(settings.waitSchedule().maxProbeRate(), nanoClock);
		this.longTasks = new LongTaskMemory(settings.waitSchedule().rememberLongTasks());
		this.scheduler = Executors.newSingleThreadScheduledExecutor(AzollaThreads.daemon("azolla-client-retry-"));
	}

	@Override
	public TaskSubmission submitTask(String taskName) {
		return new TaskSubmission(taskName, this.mapper, this::submit);
	}

	@Override
	public TaskHandle submit(TaskRequest request) {
		return ClientObservations.submit(this.observer, request.taskName(), () -> create(request));
	}

	private TaskHandle create(TaskRequest request) {
		CreateTaskRequest wire = toWire(request);
		String taskName = request.taskName();
		if (wire.getSerializedSize() > this.settings.maxMessageBytes()) {
			throw new InvalidTaskRequestException(taskName, "the request has " + wire.getSerializedSize()
					+ " bytes, more than the configured maximum of " + this.settings.maxMessageBytes());
		}
		try {
			CreateTaskResponse response = this.settings.transportRetry()
				.execute(() -> ClientServiceGrpc.newBlockingStub(this.channel)
					.withDeadlineAfter(this.settings.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
					.createTask(wire), this::retryCreation);
			if (logger.isDebugEnabled()) {
				logger.debug("Created task " + response.getTaskId() + " '" + taskName + "' in domain '"
						+ this.settings.domain() + "'");
			}
			return new GrpcTaskHandle(this, response.getTaskId(), taskName);
		}
		catch (StatusRuntimeException ex) {
			throw GrpcFailures.toException(ex, "Creating", taskName, null, true);
		}
	}

	private boolean retryCreation(Throwable failure) {
		boolean retry = TransportRetry.neverReachedServer(failure);
		if (retry) {
			TransportRetry.reconnectNow(this.channel);
		}
		return retry;
	}

	boolean retryIdempotent(Throwable failure) {
		boolean retry = TransportRetry.isTransient(failure);
		if (retry) {
			TransportRetry.reconnectNow(this.channel);
		}
		return retry;
	}

	@Override
	public TaskHandle taskHandle(String taskId) {
		if (taskId == null || taskId.isBlank()) {
			throw new IllegalArgumentException("taskId must not be blank");
		}
		return ClientObservations.handle(this.observer, new GrpcTaskHandle(this, taskId, null));
	}

	@Override
	public String domain() {
		return this.settings.domain();
	}

	/**
	 * Stops the client's retry timer. The channel belongs to whoever created it.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		// A wait whose next call was scheduled on the timer would otherwise never finish.
		for (CompletableFuture<TaskResult> wait : this.openWaits) {
			wait.completeExceptionally(new OrchestratorException("Waiting stopped: the client was closed", null, null, null));
		}
	}

	/**
	 * Remembers a wait until it finishes, so that {@link #close()} can end it.
	 */
	void track(CompletableFuture<TaskResult> wait) {
		this.openWaits.add(wait);
		wait.whenComplete((result, failure) -> this.openWaits.remove(wait));
	}

	int openWaitCount() {
		return this.openWaits.size();
	}

	CreateTaskRequest toWire(TaskRequest request) {
		String taskName = TaskRequests.requireName(request);
		RetryPolicy policy = TaskRequests.retryPolicy(request, this.defaults);
		String group = TaskRequests.shepherdGroup(request, this.defaults);
		MixedArguments.check(request, this.defaults, this.mapper);
		CreateTaskRequest.Builder wire = CreateTaskRequest.newBuilder()
			.setName(taskName)
			.setDomain(this.settings.domain())
			.setArgs(request.argsJson())
			.setKwargs(request.kwargsJson())
			.setRetryPolicy(RetryPolicyProtos.toProto(policy));
		if (group != null) {
			wire.setShepherdGroup(group);
		}
		return wire.build();
	}

	TaskResult decode(String taskId, WaitForTaskResponse response) {
		return switch (response.getResultTypeCase()) {
			case SUCCESS -> TaskResult.success(taskId,
					response.getSuccess().hasResult() ? AnyValues.decode(response.getSuccess().getResult(), this.mapper)
							: null,
					this.mapper);
			case ERROR -> TaskResult.failure(taskId, toFailure(response.getError()), this.mapper);
			case RESULTTYPE_NOT_SET -> TaskResult.failure(taskId,
					new TaskFailure("UnknownError", "The orchestrator reported completion without a result",
							JsonNodeFactory.instance.objectNode(),
							false),
					this.mapper);
		};
	}

	private TaskFailure toFailure(ErrorResult error) {
		return new TaskFailure(error.getType(), error.getMessage(),
				AnyValues.normalizeErrorData(error.getData().isEmpty() ? "{}" : error.getData(), this.mapper),
				error.getRetriable());
	}

	Channel channel() {
		return this.channel;
	}

	AzollaClientSettings settings() {
		return this.settings;
	}

	ProbeBudget probeBudget() {
		return this.probeBudget;
	}

	LongTaskMemory longTasks() {
		return this.longTasks;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	Duration defaultWait() {
		return this.settings.defaultWait();
	}


	/**
	 * Builds a {@link GrpcAzollaClient}; the Spring Boot auto-configuration hands one to each
	 * client customizer before it builds the client.
	 */
	public static final class Builder {

		private final Channel channel;

		private AzollaClientSettings settings = AzollaClientSettings.defaults();

		private TaskDefaults defaults = TaskDefaults.of(RetryPolicy.defaults());

		private ObjectMapper mapper = JsonMapper.builder().build();

		private ClientObserver observer = ClientObserver.NONE;

		private Builder(Channel channel) {
			this.channel = Objects.requireNonNull(channel, "channel");
		}

		/**
		 * Sets the client settings.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(AzollaClientSettings settings) {
			this.settings = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * Replaces the client settings by a changed copy, for example
		 * {@code settings((s) -> s.withDomain("billing"))}.
		 * @param change returns the new settings from the current ones
		 * @return this builder
		 */
		public Builder settings(UnaryOperator<AzollaClientSettings> change) {
			return settings(change.apply(this.settings));
		}

		/**
		 * Sets the per-task retry policies and shepherd groups.
		 * @param defaults the task defaults
		 * @return this builder
		 */
		public Builder defaults(TaskDefaults defaults) {
			this.defaults = Objects.requireNonNull(defaults, "defaults");
			return this;
		}

		/**
		 * Sets the mapper of arguments and results.
		 * @param mapper the mapper
		 * @return this builder
		 */
		public Builder mapper(ObjectMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper");
			return this;
		}

		/**
		 * Sets the observer told about each submission and wait, replacing the current one.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(ClientObserver observer) {
			this.observer = Objects.requireNonNull(observer, "observer");
			return this;
		}

		/**
		 * Creates the client.
		 * @return a new client
		 */
		public GrpcAzollaClient build() {
			return new GrpcAzollaClient(this.channel, this.settings, this.defaults, this.mapper, this.observer);
		}

	}

}
