package io.azolla.spring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.azolla.spring.worker.WorkerStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code azolla} actuator endpoint: the mode, connection, capacity and per-task figures of
 * this application ({@code /actuator/azolla}), or the figures of one task
 * ({@code /actuator/azolla/{task}}, 404 for a task that is neither registered nor ran here).
 * <p>
 * Read-only. It shows counts, durations, error types and times only: never task arguments,
 * results, error messages or credentials. Durations are ISO-8601 ({@code PT0.25S}), times are
 * ISO-8601 instants, and absent values are left out.
 */
@Endpoint(id = "azolla")
public class AzollaEndpoint {

	private final AzollaStatus status;

	/**
	 * Creates the endpoint.
	 * @param status what it reports
	 */
	public AzollaEndpoint(AzollaStatus status) {
		this.status = Objects.requireNonNull(status, "status");
	}

	/**
	 * Returns everything the endpoint shows.
	 * @return the descriptor
	 */
	@ReadOperation
	public AzollaDescriptor azolla() {
		Map<String, TaskDescriptor> tasks = new LinkedHashMap<>();
		this.status.tasks().forEach((name, stats) -> tasks.put(name, TaskDescriptor.of(stats)));
		WorkerStats.Capacity capacity = this.status.capacity();
		return new AzollaDescriptor(this.status.mode().displayName(), ConnectionDescriptor.of(this.status.connection()),
				new CapacityDescriptor(capacity.max(), capacity.running(), capacity.queued(), capacity.stuck()), tasks);
	}

	/**
	 * Returns the figures of one task.
	 * @param task the task name
	 * @return the descriptor, or {@code null} (a 404 over HTTP) for an unknown task
	 */
	@ReadOperation
	public @Nullable TaskDescriptor task(@Selector String task) {
		return this.status.task(task).map(TaskDescriptor::of).orElse(null);
	}

	private static @Nullable String format(@Nullable Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

	private static @Nullable String format(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/**
	 * The whole endpoint.
	 *
	 * @param mode {@code shepherd}, {@code invocation}, {@code embedded} or {@code none}
	 * @param connection the connection figures
	 * @param capacity the capacity figures
	 * @param tasks the figures per task name, sorted by name
	 */
	public record AzollaDescriptor(String mode, ConnectionDescriptor connection, CapacityDescriptor capacity,
			Map<String, TaskDescriptor> tasks) implements OperationResponseBody {
	}

	/**
	 * Connection figures, see {@link AzollaStatus#connection()}.
	 *
	 * @param state the stream, channel or embedded state
	 * @param endpoint the orchestrator address without user information
	 * @param domain the domain
	 * @param group the shepherd group
	 * @param shepherdUuid the uuid of the current or last shepherd stream
	 * @param connectedSince when the shepherd stream was registered
	 * @param reconnects how many shepherd connection attempts followed the first one
	 * @param lastError the last shepherd connection failure
	 * @param lastDisconnect why the last shepherd stream ended
	 * @param resultsResent results sent again because their stream broke right after
	 * @param resultsInDoubt error results written just before their stream broke, not sent again
	 */
	public record ConnectionDescriptor(String state, @Nullable String endpoint, @Nullable String domain,
			@Nullable String group, @Nullable String shepherdUuid, @Nullable String connectedSince, long reconnects,
			@Nullable String lastError, @Nullable String lastDisconnect, long resultsResent, long resultsInDoubt) {

		static ConnectionDescriptor of(AzollaStatus.Connection connection) {
			return new ConnectionDescriptor(connection.state(), connection.endpoint(), connection.domain(),
					connection.group(), connection.shepherdUuid(), format(connection.connectedSince()),
					connection.reconnects(), connection.lastError(), connection.lastDisconnect(),
					connection.resultsResent(), connection.resultsInDoubt());
		}

	}

	/**
	 * Capacity figures.
	 *
	 * @param max the largest number of tasks executed at once
	 * @param running the tasks executing
	 * @param queued the tasks waiting for a slot
	 * @param stuck the slots held by tasks that outlived their time limit and ignore interrupts
	 */
	public record CapacityDescriptor(int max, int running, int queued, int stuck) {
	}

	/**
	 * Figures of one task.
	 *
	 * @param runs the executions started
	 * @param successes the executions that succeeded
	 * @param errors the executions that failed, time-outs included
	 * @param running the executions without a result yet
	 * @param lastDuration the duration of the last completed execution
	 * @param meanDuration the mean duration of completed executions
	 * @param totalDuration the summed duration of completed executions
	 * @param lastErrorType the error type of the last failed execution
	 * @param lastErrorAt when the last failed execution completed
	 */
	public record TaskDescriptor(long runs, long successes, long errors, long running, @Nullable String lastDuration,
			@Nullable String meanDuration, @Nullable String totalDuration, @Nullable String lastErrorType,
			@Nullable String lastErrorAt) implements OperationResponseBody {

		static TaskDescriptor of(WorkerStats.TaskStats stats) {
			return new TaskDescriptor(stats.runs(), stats.successes(), stats.errors(), stats.running(),
					format(stats.lastDuration()), format(stats.meanDuration()), format(stats.totalDuration()),
					stats.lastErrorType(), format(stats.lastErrorTime()));
		}

	}

}
