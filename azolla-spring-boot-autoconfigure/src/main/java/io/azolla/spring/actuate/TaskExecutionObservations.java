package io.azolla.spring.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskException;
import io.azolla.spring.task.TaskOutcomes;
import io.azolla.spring.task.TaskTimeoutException;
import io.azolla.spring.task.TaskValidationException;
import io.azolla.spring.worker.TaskExecutionListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Records every task execution as an {@value #NAME} {@link Observation}, so a meter handler
 * gets a timer and a tracing bridge gets a span. Names and key values come from a
 * {@link TaskExecutionObservationConvention} ({@link DefaultTaskExecutionObservationConvention}
 * unless one is given). A failed result is recorded as the observation's error: a
 * {@link TaskTimeoutException} for a time-out, a {@link TaskValidationException} for a
 * {@code TaskValidationError}, a {@link TaskException} of the result's error type otherwise;
 * meters report its class under Micrometer's standard {@code error} key.
 * <p>
 * The observation starts when the task leaves the queue and stops when its result is decided,
 * possibly on another thread (a time-out is decided by a timer). It is made current, through
 * {@link #taskRunning}, on the thread that runs the task's code while that code runs, so that
 * logs written by the task carry its trace and calls it makes become child spans.
 */
public class TaskExecutionObservations implements TaskExecutionListener {

	/** The observation name, which is also the timer's. */
	public static final String NAME = "azolla.task.execution";

	private static final String TASK_VALIDATION_ERROR = new TaskValidationException("").getType();

	private final ObservationRegistry registry;

	private final @Nullable TaskExecutionObservationConvention convention;

	private final Map<String, Observation> running = new ConcurrentHashMap<>();

	/**
	 * Creates a listener that observes through the given registry with the default convention.
	 * @param registry the observation registry
	 */
	public TaskExecutionObservations(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates a listener that observes through the given registry.
	 * @param registry the observation registry
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public TaskExecutionObservations(ObservationRegistry registry,
			@Nullable TaskExecutionObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.convention = convention;
	}

	@Override
	public void taskStarted(String taskId, String taskName) {
		if (this.registry.isNoop()) {
			return;
		}
		// A shepherd's executions start on pool threads with nothing current, so each is the root
		// of its own trace; an embedded one nests under whatever its thread has current.
		Observation observation = Observation
			.createNotStarted(this.convention, DefaultTaskExecutionObservationConvention.INSTANCE,
					() -> new TaskExecutionContext(taskId, taskName), this.registry)
			.start();
		Observation earlier = this.running.put(taskId, observation);
		if (earlier != null) {
			// Only a result that never came can leave one behind; do not let it leak.
			earlier.stop();
		}
	}

	@Override
	public Scope taskRunning(String taskId, String taskName) {
		Observation observation = this.running.get(taskId);
		if (observation == null) {
			return Scope.NONE;
		}
		Observation.Scope scope = observation.openScope();
		return scope::close;
	}

	@Override
	public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
		Observation observation = this.running.remove(taskId);
		if (observation == null) {
			return;
		}
		TaskExecutionContext context = (TaskExecutionContext) observation.getContext();
		context.setResult(result);
		String errorType = context.getErrorType();
		if (errorType != null) {
			observation.error(error(taskName, errorType));
		}
		observation.stop();
	}

	/**
	 * The exception a failed result stands for, of the class a task would throw for it. Only
	 * the type is kept: messages may quote the task's data, which stays out of telemetry.
	 */
	private static RuntimeException error(String taskName, String errorType) {
		String message = "Task '" + taskName + "' failed with " + errorType;
		if (TaskOutcomes.TIMEOUT_ERROR.equals(errorType)) {
			return new TaskTimeoutException(message);
		}
		if (TASK_VALIDATION_ERROR.equals(errorType)) {
			return new TaskValidationException(message);
		}
		return new TaskException(message).type(errorType);
	}

}
