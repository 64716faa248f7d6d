package io.azolla.spring.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskOutcomes;
import io.azolla.spring.worker.TaskExecutionListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Records every task execution as an {@value #NAME} {@link Observation}, so a meter handler
 * gets a timer and a tracing bridge gets a span. Low-cardinality keys: {@code task} (the
 * registered name), {@code outcome} ({@code success}, {@code failure} or {@code timeout}) and
 * {@code error.type} (the error type, {@code none} on success); the task id is a
 * high-cardinality key, for traces only.
 * <p>
 * The observation starts when the task leaves the queue and stops when its result is decided,
 * possibly on another thread (a time-out is decided by a timer), so it is not made current
 * on the task's thread.
 */
public class TaskExecutionObservations implements TaskExecutionListener {

	/** The observation name, which is also the timer's. */
	public static final String NAME = "azolla.task.execution";

	private final ObservationRegistry registry;

	private final Map<String, Observation> running = new ConcurrentHashMap<>();

	/**
	 * Creates a listener that observes through the given registry.
	 * @param registry the observation registry
	 */
	public TaskExecutionObservations(ObservationRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void taskStarted(String taskId, String taskName) {
		if (this.registry.isNoop()) {
			return;
		}
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("azolla execute " + taskName)
			.lowCardinalityKeyValue("task", taskName)
			.highCardinalityKeyValue("azolla.task.id", taskId)
			.start();
		Observation earlier = this.running.put(taskId, observation);
		if (earlier != null) {
			// Only a result that never came can leave one behind; do not let it leak.
			earlier.stop();
		}
	}

	@Override
	public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
		Observation observation = this.running.remove(taskId);
		if (observation == null) {
			return;
		}
		String errorType = result.hasError() ? result.getError().getType() : null;
		observation.lowCardinalityKeyValue("outcome", outcome(errorType))
			.lowCardinalityKeyValue("error.type", (errorType != null && !errorType.isEmpty()) ? errorType : "none")
			.stop();
	}

	private static String outcome(String errorType) {
		if (errorType == null) {
			return "success";
		}
		return TaskOutcomes.TIMEOUT_ERROR.equals(errorType) ? "timeout" : "failure";
	}

}
