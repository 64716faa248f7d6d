package io.azolla.spring.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.azolla.proto.common.TaskResult;
import org.jspecify.annotations.Nullable;

/**
 * Thread-safe statistics of a worker, for the actuator endpoint and health indicator: its
 * connection to the orchestrator, its capacity, and counters per task name. Arguments and
 * results are never stored, only their outcome (success or the error type).
 * <p>
 * Writers call the {@code record...} methods, or register {@link #executionListener(int)} on a
 * {@link TaskExecutionEngine}; readers take an immutable {@link #snapshot()}.
 */
public class WorkerStats {

	private final Clock clock;

	private final ConcurrentMap<String, TaskCounters> tasks = new ConcurrentHashMap<>();

	private Connection connection = new Connection(ConnectionState.DISCONNECTED, null, null, null, null, null, 0,
			null, null, 0, 0);

	private Capacity capacity = new Capacity(0, 0, 0, 0);

	/**
	 * Creates statistics that read the system clock.
	 */
	public WorkerStats() {
		this(Clock.systemUTC());
	}

	/**
	 * Creates statistics that read the given clock.
	 * @param clock the clock for time stamps
	 */
	public WorkerStats(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Returns a listener that records an engine's executions and load here.
	 * @param maxConcurrency the engine's concurrency limit, reported as the capacity's maximum
	 * @return the listener
	 */
	public TaskExecutionListener executionListener(int maxConcurrency) {
		recordCapacity(maxConcurrency, 0, 0);
		return new Listener(maxConcurrency);
	}

	/**
	 * Records that a task started.
	 * @param taskName the task name
	 */
	public void recordStarted(String taskName) {
		counters(taskName).started();
	}

	/**
	 * Records the result of a started task.
	 * @param taskName the task name
	 * @param duration how long it ran
	 * @param errorType the error type, or {@code null} for a success
	 */
	public void recordCompleted(String taskName, Duration duration, @Nullable String errorType) {
		counters(taskName).completed(duration, errorType, this.clock.instant());
	}

	/**
	 * Records the capacity figures.
	 * @param max the concurrency limit
	 * @param running the tasks running
	 * @param queued the tasks waiting locally
	 */
	public synchronized void recordCapacity(int max, int running, int queued) {
		this.capacity = new Capacity(max, running, queued, this.capacity.stuck());
	}

	/**
	 * Records how many execution slots are held by tasks that outlived their time limit.
	 * @param stuck the stuck slots
	 */
	public synchronized void recordStuck(int stuck) {
		Capacity last = this.capacity;
		this.capacity = new Capacity(last.max(), last.running(), last.queued(), stuck);
	}

	/**
	 * Records that a connection attempt begins.
	 * @param endpoint the orchestrator address
	 * @param domain the domain served
	 * @param group the shepherd group
	 * @param shepherdUuid the uuid this connection registers under
	 * @param reconnect whether an earlier connection attempt was made
	 */
	public synchronized void recordConnecting(String endpoint, String domain, String group, String shepherdUuid,
			boolean reconnect) {
		Connection last = this.connection;
		this.connection = new Connection(ConnectionState.CONNECTING, endpoint, domain, group, shepherdUuid, null,
				last.reconnects() + (reconnect ? 1 : 0), last.lastError(), last.lastDisconnect(), last.resultsResent(),
				last.resultsInDoubt());
	}

	/**
	 * Records that the current connection is registered with the orchestrator.
	 */
	public synchronized void recordRegistered() {
		Connection last = this.connection;
		this.connection = new Connection(ConnectionState.REGISTERED, last.endpoint(), last.domain(), last.group(),
				last.shepherdUuid(), this.clock.instant(), last.reconnects(), last.lastError(), last.lastDisconnect(),
				last.resultsResent(), last.resultsInDoubt());
	}

	/**
	 * Records that the current connection is gone.
	 * @param reason why, or {@code null} when there is nothing to say
	 * @param failure whether it was a failure, which then also becomes the last error
	 */
	public synchronized void recordDisconnected(@Nullable String reason, boolean failure) {
		Connection last = this.connection;
		this.connection = new Connection(ConnectionState.DISCONNECTED, last.endpoint(), last.domain(), last.group(),
				last.shepherdUuid(), null, last.reconnects(), (failure && reason != null) ? reason : last.lastError(),
				(reason != null) ? reason : last.lastDisconnect(), last.resultsResent(), last.resultsInDoubt());
	}

	/**
	 * Records that the current connection failed.
	 * @param error why
	 */
	public void recordDisconnected(@Nullable String error) {
		recordDisconnected(error, error != null);
	}

	/**
	 * Records the totals of results sent again after a broken stream and of results in doubt.
	 * @param resent successes sent again on a new stream
	 * @param inDoubt errors written just before a break that may not have arrived
	 */
	public synchronized void recordResults(long resent, long inDoubt) {
		Connection last = this.connection;
		this.connection = new Connection(last.state(), last.endpoint(), last.domain(), last.group(),
				last.shepherdUuid(), last.connectedSince(), last.reconnects(), last.lastError(), last.lastDisconnect(),
				resent, inDoubt);
	}

	/**
	 * Returns the connection figures.
	 * @return an immutable snapshot
	 */
	public synchronized Connection connection() {
		return this.connection;
	}

	/**
	 * Returns the capacity figures.
	 * @return an immutable snapshot
	 */
	public synchronized Capacity capacity() {
		return this.capacity;
	}

	/**
	 * Returns the figures of one task.
	 * @param taskName the task name
	 * @return an immutable snapshot, or empty when the task never ran here
	 */
	public Optional<TaskStats> task(String taskName) {
		TaskCounters counters = this.tasks.get(taskName);
		return (counters != null) ? Optional.of(counters.snapshot(taskName)) : Optional.empty();
	}

	/**
	 * Returns all figures.
	 * @return an immutable snapshot, tasks sorted by name
	 */
	public Snapshot snapshot() {
		Map<String, TaskStats> byName = new TreeMap<>();
		this.tasks.forEach((name, counters) -> byName.put(name, counters.snapshot(name)));
		return new Snapshot(connection(), capacity(), Collections.unmodifiableMap(byName));
	}

	private TaskCounters counters(String taskName) {
		return this.tasks.computeIfAbsent(taskName, (name) -> new TaskCounters());
	}

	/**
	 * The state of the worker's stream to the orchestrator.
	 */
	public enum ConnectionState {

		/** No stream is open; a new attempt is scheduled unless the worker stopped. */
		DISCONNECTED,

		/** A stream is being opened. */
		CONNECTING,

		/** The stream is open and Hello was sent: the orchestrator may dispatch tasks. */
		REGISTERED

	}

	/**
	 * Connection figures.
	 *
	 * @param state the state of the stream
	 * @param endpoint the orchestrator address, or {@code null} before the first attempt
	 * @param domain the domain served
	 * @param group the shepherd group
	 * @param shepherdUuid the uuid of the current or last connection
	 * @param connectedSince when the current stream was registered, or {@code null}
	 * @param reconnects how many connection attempts followed the first one
	 * @param lastError the message of the last connection failure, or {@code null}
	 * @param lastDisconnect why the last stream ended, failure or not, or {@code null}
	 * @param resultsResent how many results were sent again because their stream broke right
	 * after they were written
	 * @param resultsInDoubt how many error results were written just before their stream broke
	 * and were not sent again (a repeated error can make the orchestrator retry a task twice)
	 */
	public record Connection(ConnectionState state, @Nullable String endpoint, @Nullable String domain,
			@Nullable String group, @Nullable String shepherdUuid, @Nullable Instant connectedSince, long reconnects,
			@Nullable String lastError, @Nullable String lastDisconnect, long resultsResent, long resultsInDoubt) {
	}

	/**
	 * Capacity figures.
	 *
	 * @param max the concurrency limit
	 * @param running the tasks running, stuck ones included
	 * @param queued the tasks waiting locally
	 * @param stuck the slots held by tasks that outlived their time limit and ignore interrupts
	 */
	public record Capacity(int max, int running, int queued, int stuck) {
	}

	/**
	 * Figures of one task name.
	 *
	 * @param name the task name
	 * @param runs the executions started
	 * @param successes the executions that succeeded
	 * @param errors the executions that ended with an error result, time-outs included
	 * @param running the executions whose result is not decided yet
	 * @param lastDuration the duration of the last completed execution, or {@code null}
	 * @param totalDuration the summed duration of completed executions
	 * @param meanDuration the mean duration of completed executions, or {@code null}
	 * @param lastErrorType the error type of the last failed execution, or {@code null}
	 * @param lastErrorTime when the last failed execution completed, or {@code null}
	 */
	public record TaskStats(String name, long runs, long successes, long errors, long running,
			@Nullable Duration lastDuration, Duration totalDuration, @Nullable Duration meanDuration,
			@Nullable String lastErrorType, @Nullable Instant lastErrorTime) {
	}

	/**
	 * All figures at one moment.
	 *
	 * @param connection the connection figures
	 * @param capacity the capacity figures
	 * @param tasks the figures per task name, sorted by name
	 */
	public record Snapshot(Connection connection, Capacity capacity, Map<String, TaskStats> tasks) {
	}

	private static final class TaskCounters {

		private long runs;

		private long successes;

		private long errors;

		private @Nullable Duration lastDuration;

		private Duration totalDuration = Duration.ZERO;

		private @Nullable String lastErrorType;

		private @Nullable Instant lastErrorTime;

		synchronized void started() {
			this.runs++;
		}

		synchronized void completed(Duration duration, @Nullable String errorType, Instant now) {
			this.lastDuration = duration;
			this.totalDuration = this.totalDuration.plus(duration);
			if (errorType == null) {
				this.successes++;
			}
			else {
				this.errors++;
				this.lastErrorType = errorType;
				this.lastErrorTime = now;
			}
		}

		synchronized TaskStats snapshot(String name) {
			long completed = this.successes + this.errors;
			Duration mean = (completed > 0) ? this.totalDuration.dividedBy(completed) : null;
			return new TaskStats(name, this.runs, this.successes, this.errors, Math.max(0, this.runs - completed),
					this.lastDuration, this.totalDuration, mean, this.lastErrorType, this.lastErrorTime);
		}

	}

	private final class Listener implements TaskExecutionListener {

		private final int maxConcurrency;

		Listener(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		@Override
		public void taskStarted(String taskId, String taskName) {
			recordStarted(taskName);
		}

		@Override
		public void taskCompleted(String taskId, String taskName, TaskResult result, Duration duration) {
			recordCompleted(taskName, duration, result.hasError() ? result.getError().getType() : null);
		}

		@Override
		public void loadChanged(int running, int queued) {
			recordCapacity(this.maxConcurrency, running, queued);
		}

		@Override
		public void stuckSlotsChanged(int stuck) {
			recordStuck(stuck);
		}

	}

}
