package io.azolla.spring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.worker.WorkerStats;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;

/**
 * What this application runs as and how it is doing: the view the {@code azolla} actuator
 * endpoint and health indicator share. It reads {@link WorkerStats} and the client channel on
 * every call and keeps nothing itself. It never sees task arguments or results, and strips
 * user information from every address it reports.
 */
public final class AzollaStatus {

	/** State reported by an application whose client runs tasks in this JVM. */
	public static final String EMBEDDED_STATE = "EMBEDDED";

	/** State reported by an application that has no channel to an orchestrator. */
	public static final String NO_CHANNEL_STATE = "NONE";

	private static final Pattern USER_INFO = Pattern.compile("(^|://)[^/@\\s]*@");

	private final Mode mode;

	private final WorkerStats stats;

	private final TaskRegistry registry;

	private final @Nullable ManagedChannel channel;

	private final @Nullable String endpoint;

	private final @Nullable String domain;

	private final @Nullable String group;

	/**
	 * Creates a view.
	 * @param mode how tasks reach this application
	 * @param stats the worker statistics
	 * @param registry the registered tasks, listed even before they run
	 * @param channel the client channel to the orchestrator, or {@code null} when there is none
	 * @param endpoint the configured orchestrator address, or {@code null}
	 * @param domain the domain tasks are created in and served from
	 * @param group the shepherd group, or {@code null} outside shepherd mode
	 */
	public AzollaStatus(Mode mode, WorkerStats stats, TaskRegistry registry, @Nullable ManagedChannel channel,
			@Nullable String endpoint, @Nullable String domain, @Nullable String group) {
		this.mode = Objects.requireNonNull(mode, "mode");
		this.stats = Objects.requireNonNull(stats, "stats");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.channel = channel;
		this.endpoint = withoutUserInfo(endpoint);
		this.domain = domain;
		this.group = group;
	}

	/**
	 * Returns how tasks reach this application.
	 * @return the mode
	 */
	public Mode mode() {
		return this.mode;
	}

	/**
	 * Returns whether this application keeps a shepherd stream to the orchestrator: shepherd
	 * mode with at least one registered task. An idle shepherd does not connect.
	 * @return whether the stream matters for health
	 */
	public boolean streamExpected() {
		return this.mode == Mode.SHEPHERD && !this.registry.isEmpty();
	}

	/**
	 * Returns the connection figures. The state is the shepherd stream's
	 * ({@code DISCONNECTED}, {@code CONNECTING}, {@code REGISTERED}) when one is expected,
	 * else the client channel's ({@code IDLE}, {@code CONNECTING}, {@code READY},
	 * {@code TRANSIENT_FAILURE}, {@code SHUTDOWN}), {@value #EMBEDDED_STATE} in embedded mode,
	 * or {@value #NO_CHANNEL_STATE} without a channel.
	 * @return the figures
	 */
	public Connection connection() {
		if (this.mode == Mode.EMBEDDED) {
			return new Connection(EMBEDDED_STATE, null, this.domain, null, null, null, 0, null, null, 0, 0);
		}
		if (streamExpected()) {
			WorkerStats.Connection stream = this.stats.connection();
			String address = (stream.endpoint() != null) ? withoutUserInfo(stream.endpoint()) : this.endpoint;
			String streamDomain = (stream.domain() != null) ? stream.domain() : this.domain;
			String streamGroup = (stream.group() != null) ? stream.group() : this.group;
			return new Connection(stream.state().name(), address, streamDomain, streamGroup, stream.shepherdUuid(),
					stream.connectedSince(), stream.reconnects(), withoutUserInfo(stream.lastError()),
					withoutUserInfo(stream.lastDisconnect()), stream.resultsResent(), stream.resultsInDoubt());
		}
		ConnectivityState state = channelState();
		return new Connection((state != null) ? state.name() : NO_CHANNEL_STATE, this.endpoint, this.domain,
				(this.mode == Mode.SHEPHERD) ? this.group : null, null, null, 0, null, null, 0, 0);
	}

	/**
	 * Returns the state of the client channel without asking it to connect.
	 * @return the state, or {@code null} without a channel or when the channel cannot tell
	 */
	public @Nullable ConnectivityState channelState() {
		if (this.channel == null) {
			return null;
		}
		try {
			return this.channel.getState(false);
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
	}

	/**
	 * Returns the capacity figures.
	 * @return the figures
	 */
	public WorkerStats.Capacity capacity() {
		return this.stats.capacity();
	}

	/**
	 * Returns the figures of every registered task and of every task that ran here, with
	 * zeros for those that never ran.
	 * @return the figures by task name, sorted
	 */
	public Map<String, WorkerStats.TaskStats> tasks() {
		Map<String, WorkerStats.TaskStats> tasks = new TreeMap<>(this.stats.snapshot().tasks());
		for (String name : this.registry.names()) {
			tasks.computeIfAbsent(name, AzollaStatus::neverRan);
		}
		return tasks;
	}

	/**
	 * Returns the figures of one task.
	 * @param name the task name
	 * @return the figures, zeros for a registered task that never ran, empty for an unknown one
	 */
	public Optional<WorkerStats.TaskStats> task(String name) {
		Optional<WorkerStats.TaskStats> ran = this.stats.task(name);
		if (ran.isPresent()) {
			return ran;
		}
		return this.registry.find(name).isPresent() ? Optional.of(neverRan(name)) : Optional.empty();
	}

	/**
	 * Removes user information ({@code user:password@}) from an address or from the addresses
	 * in a message.
	 * @param text the address or message
	 * @return the text without user information, or {@code null}
	 */
	public static @Nullable String withoutUserInfo(@Nullable String text) {
		return (text != null) ? USER_INFO.matcher(text).replaceAll("$1") : null;
	}

	private static WorkerStats.TaskStats neverRan(String name) {
		return new WorkerStats.TaskStats(name, 0, 0, 0, 0, null, Duration.ZERO, null, null, null);
	}

	/**
	 * How tasks reach this application.
	 */
	public enum Mode {

		/** A long-running shepherd of a real orchestrator. */
		SHEPHERD,

		/** Started by a Rust shepherd for one task. */
		INVOCATION,

		/** Tasks run in this JVM through the embedded client. */
		EMBEDDED,

		/** The application executes no tasks. */
		NONE;

		/**
		 * Returns the name shown by the endpoint.
		 * @return the lower-case name
		 */
		public String displayName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Connection figures.
	 *
	 * @param state the state, see {@link AzollaStatus#connection()}
	 * @param endpoint the orchestrator address, without user information, or {@code null}
	 * @param domain the domain
	 * @param group the shepherd group, or {@code null}
	 * @param shepherdUuid the uuid of the current or last shepherd stream, or {@code null}
	 * @param connectedSince when the shepherd stream was registered, or {@code null}
	 * @param reconnects how many shepherd connection attempts followed the first one
	 * @param lastError the last shepherd connection failure, or {@code null}
	 * @param lastDisconnect why the last shepherd stream ended, or {@code null}
	 * @param resultsResent results sent again because their stream broke right after
	 * @param resultsInDoubt error results written just before their stream broke, not sent again
	 */
	public record Connection(String state, @Nullable String endpoint, @Nullable String domain, @Nullable String group,
			@Nullable String shepherdUuid, @Nullable Instant connectedSince, long reconnects, @Nullable String lastError,
			@Nullable String lastDisconnect, long resultsResent, long resultsInDoubt) {
	}

}
