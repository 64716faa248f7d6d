package io.azolla.spring.client.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.ClientObserver;
import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskRejectedException;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.TaskSubmission;
import io.azolla.spring.client.support.ClientObservations;
import io.azolla.spring.client.support.MixedArguments;
import io.azolla.spring.client.support.TaskRequests;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.azolla.spring.retry.TaskRetryTemplates;
import io.azolla.spring.task.LocalTaskRunner;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.TaskAttempt;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * An {@link AzollaClient} that runs tasks from the local {@link io.azolla.spring.task.TaskRegistry
 * registry} in this JVM, with no orchestrator and no network.
 * <p>
 * <strong>This is not a distributed engine.</strong> Nothing is persisted, no other process
 * can run or see these tasks, and everything is lost when the JVM stops. It exists for
 * development, demos and tests, where it behaves as much like the real thing as a single JVM
 * can:
 * <ul>
 * <li>requests are validated like the gRPC client does, and fail with
 * {@link InvalidTaskRequestException} before anything runs;</li>
 * <li>arguments reach the task as JSON text through {@link TaskInvoker}, so binding is the
 * same as in a worker; an unknown task name finishes with the worker's {@code TaskNotFound}
 * error result rather than an exception;</li>
 * <li>the retry policy (per call, else {@link TaskDefaults}) is applied with the
 * orchestrator's rules through {@link TaskRetryTemplates}: attempt counting, type matching,
 * elapsed limit from creation and the same backoff formulas;</li>
 * <li>the result is the last attempt's, normalised as the orchestrator stores it (object keys
 * sorted, numbers as one family).</li>
 * </ul>
 * Each task runs on the given executor, backoff waits included: a task waiting for its next
 * attempt holds that executor thread, which is acceptable for a development mode but means
 * a small executor can be filled by retrying tasks. Callers are never blocked by it. When
 * the executor is shut down, a task interrupted while waiting for a retry finishes with its
 * last error, and a task the executor dropped before it started never finishes (waits end with
 * {@link io.azolla.spring.client.TaskWaitTimeoutException}), as a task would hang on a
 * vanished worker.
 * <p>
 * Like the orchestrator, which keeps every final result in memory until it restarts, this
 * client keeps all tasks and results until it is garbage collected; it is meant for
 * short-lived runs, not for millions of tasks. The shepherd group is accepted and ignored:
 * every task runs here. Thread-safe.
 */
public final class EmbeddedAzollaClient implements AzollaClient {

	private static final Log logger = LogFactory.getLog(EmbeddedAzollaClient.class);

	private final TaskAttempt attempt;

	private final TaskDefaults defaults;

	private final ObjectMapper mapper;

	private final Executor executor;

	private final String domain;

	private final Duration defaultWait;

	private final TaskRetryTemplates retries;

	private final ClientObserver observer;

	private final Map<String, CompletableFuture<TaskResult>> tasks = new ConcurrentHashMap<>();

	/**
	 * Creates a client that sleeps and measures time with the system clock.
	 * @param invoker runs one attempt of a registered task
	 * @param defaults per-task retry policies for submissions that set none
	 * @param mapper the mapper for arguments and results
	 * @param executor runs the tasks, one executor task per Azolla task and all its attempts
	 * @param domain the domain reported by {@link #domain()}
	 * @param defaultWait how long {@link TaskHandle#await()} waits
	 */
	public EmbeddedAzollaClient(TaskInvoker invoker, TaskDefaults defaults, ObjectMapper mapper, Executor executor,
			String domain, Duration defaultWait) {
		this(invoker, defaults, mapper, executor, domain, defaultWait, TaskRetryTemplates.standard());
	}

	/**
	 * Creates a client with an explicit retry adapter, so tests control backoff sleeps and time.
	 * @param invoker runs one attempt of a registered task
	 * @param defaults per-task retry policies for submissions that set none
	 * @param mapper the mapper for arguments and results
	 * @param executor runs the tasks, one executor task per Azolla task and all its attempts
	 * @param domain the domain reported by {@link #domain()}
	 * @param defaultWait how long {@link TaskHandle#await()} waits
	 * @param retries applies retry policies; its clock stamps task creation
	 */
	public EmbeddedAzollaClient(TaskInvoker invoker, TaskDefaults defaults, ObjectMapper mapper, Executor executor,
			String domain, Duration defaultWait, TaskRetryTemplates retries) {
		this(Objects.requireNonNull(invoker, "invoker")::invoke, defaults, mapper, executor, domain, defaultWait, retries);
	}

	/**
	 * Creates a client whose attempts run through the given attempt runner, for instance one
	 * that enforces execution limits ({@link io.azolla.spring.worker.TimeLimiter}).
	 * @param attempt runs one attempt of a registered task
	 * @param defaults per-task retry policies for submissions that set none
	 * @param mapper the mapper for arguments and results
	 * @param executor runs the tasks, one executor task per Azolla task and all its attempts
	 * @param domain the domain reported by {@link #domain()}
	 * @param defaultWait how long {@link TaskHandle#await()} waits
	 * @param retries applies retry policies; its clock stamps task creation
	 */
	public EmbeddedAzollaClient(TaskAttempt attempt, TaskDefaults defaults, ObjectMapper mapper, Executor executor,
			String domain, Duration defaultWait, TaskRetryTemplates retries) {
		this(attempt, defaults, mapper, executor, domain, defaultWait, retries, ClientObserver.NONE);
	}

	/**
	 * Creates a client whose submissions and waits are observed, as those of the gRPC client.
	 * @param attempt runs one attempt of a registered task
	 * @param defaults per-task retry policies for submissions that set none
	 * @param mapper the mapper for arguments and results
	 * @param executor runs the tasks, one executor task per Azolla task and all its attempts
	 * @param domain the domain reported by {@link #domain()}
	 * @param defaultWait how long {@link TaskHandle#await()} waits
	 * @param retries applies retry policies; its clock stamps task creation
	 * @param observer told about each submission and wait
	 */
	public EmbeddedAzollaClient(TaskAttempt attempt, TaskDefaults defaults, ObjectMapper mapper, Executor executor,
			String domain, Duration defaultWait, TaskRetryTemplates retries, ClientObserver observer) {
		this.observer = Objects.requireNonNull(observer, "observer");
		this.attempt = Objects.requireNonNull(attempt, "attempt");
		this.defaults = Objects.requireNonNull(defaults, "defaults");
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.executor = Objects.requireNonNull(executor, "executor");
		this.domain = Objects.requireNonNull(domain, "domain");
		this.defaultWait = requirePositive(defaultWait);
		this.retries = Objects.requireNonNull(retries, "retries");
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
		String taskName = request.taskName();
		RetryPolicy policy = validate(request);
		String taskId = UUID.randomUUID().toString();
		Instant createdAt = this.retries.clock().instant();
		CompletableFuture<TaskResult> result = new CompletableFuture<>();
		this.tasks.put(taskId, result);
		try {
			this.executor.execute(() -> run(taskId, request, policy, createdAt, result));
		}
		catch (RejectedExecutionException ex) {
			this.tasks.remove(taskId);
			throw new TaskRejectedException(taskName, "the embedded executor accepts no more work", ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Created embedded task " + taskId + " '" + taskName + "'");
		}
		return new EmbeddedTaskHandle(this, taskId, taskName);
	}

	@Override
	public TaskHandle taskHandle(String taskId) {
		if (taskId == null || taskId.isBlank()) {
			throw new IllegalArgumentException("taskId must not be blank");
		}
		return ClientObservations.handle(this.observer, new EmbeddedTaskHandle(this, taskId, null));
	}

	@Override
	public String domain() {
		return this.domain;
	}

	/**
	 * Returns the result future of a task created by this client.
	 * @param taskId the task id
	 * @return the future, or empty for an id this client never created
	 */
	Optional<CompletableFuture<TaskResult>> task(String taskId) {
		return Optional.ofNullable(this.tasks.get(taskId));
	}

	Duration defaultWait() {
		return this.defaultWait;
	}

	private RetryPolicy validate(TaskRequest request) {
		String taskName = TaskRequests.requireName(request);
		// Resolved only to be checked: every task runs here whatever its group.
		TaskRequests.shepherdGroup(request, this.defaults);
		TaskRequests.requireShape(taskName, request.argsJson(), true, this.mapper);
		TaskRequests.requireShape(taskName, request.kwargsJson(), false, this.mapper);
		MixedArguments.check(request, this.defaults, this.mapper);
		return TaskRequests.retryPolicy(request, this.defaults);
	}


	private void run(String taskId, TaskRequest request, RetryPolicy policy, Instant createdAt,
			CompletableFuture<TaskResult> result) {
		try {
			io.azolla.proto.common.TaskResult last = this.retries.execute(policy, createdAt,
					() -> this.attempt.run(taskId, request.taskName(), request.argsJson(), request.kwargsJson()),
					(wire) -> wire.hasError() ? wire.getError().getType() : null);
			result.complete(LocalTaskRunner.toClientResult(last, this.mapper));
		}
		catch (RuntimeException | Error ex) {
			// Only a JVM-level error escapes the invoker; a real worker would die and the task
			// hang, but here the waiters can at least be told.
			result.completeExceptionally(new OrchestratorException("Embedded task " + taskId + " '"
					+ request.taskName() + "' could not be run: " + ex, request.taskName(), taskId, ex));
			if (ex instanceof Error error) {
				throw error;
			}
		}
	}

	private static Duration requirePositive(Duration wait) {
		Objects.requireNonNull(wait, "defaultWait");
		if (wait.isNegative() || wait.isZero()) {
			throw new IllegalArgumentException("defaultWait must be positive (was " + wait + ")");
		}
		return wait;
	}

}
