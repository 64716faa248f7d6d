package io.azolla.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.azolla.proto.common.ErrorResult;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * An in-JVM stand-in for the Azolla orchestrator that speaks the real gRPC protocol on a
 * loopback port, so that the application's real {@code AzollaClient}, its in-process shepherd
 * and their result encoding all run in a test, with no binaries and no database.
 * <pre class="code">
 * try (AzollaTestOrchestrator azolla = AzollaTestOrchestrator.start()) {
 *     // point the application at azolla.endpoint(), submit, then:
 *     SubmittedTask task = azolla.awaitFinished(handle.id(), Duration.ofSeconds(5));
 *     AzollaAssertions.assertThat(task).madeAttempts(3).succeededWith(42);
 * }
 * </pre>
 * In Spring Boot tests use {@link AutoConfigureAzollaTestOrchestrator}; in plain JUnit tests
 * {@link AzollaTestOrchestratorExtension}.
 * <h2>What it does like the orchestrator</h2>
 * <ul>
 * <li>{@code CreateTask} checks the retry policy (version 1, at least one attempt, a multiplier
 * of at least 1, no negative delay), then that {@code kwargs} is JSON, then a flow id, and
 * answers {@code INVALID_ARGUMENT} with the orchestrator's message prefix; {@code args} is kept
 * verbatim, {@code kwargs} forwarded as compact JSON with sorted keys; a task without a
 * shepherd group goes to group {@code default}.</li>
 * <li>Retries are decided by error type alone (excluded types never, an empty include list
 * never, {@code TaskError} any type), within the policy's attempts and elapsed time, after the
 * policy's wait ({@code initial × multiplier^n} capped, a uniform draw below it with jitter, at
 * least 10 ms); a request without a policy gets the orchestrator's default (5 attempts, only
 * {@code ValueError} retried). Only the last attempt's error is kept.</li>
 * <li>{@code WaitForTask} with {@code timeout_ms = 0} looks once and answers {@code TIMEOUT} for
 * anything unfinished, unknown ids included; a blocking wait answers {@code TASK_NOT_FOUND} at
 * once for an id unknown in that domain, and {@code TIMEOUT} on the orchestrator's first 200 ms
 * poll tick past the wait (5 minutes when none is given).</li>
 * <li>Values come back normalised: {@code json_value} text parsed and re-emitted compact with
 * sorted keys, integers as {@code int_value} (or {@code uint_value} above the signed range),
 * non-finite doubles as 0, JSON text that does not parse as a string; error {@code data} the
 * same way; the {@code retriable} flag echoed, never consulted.</li>
 * <li>The shepherd stream: response headers at once, Hello first (a result sent before it is
 * lost), tasks only to connected shepherds of the task's domain and exact group, in turn; a
 * shepherd uuid may be reused across streams (a reconnecting uuid keeps its first Hello's
 * group and maximum, as in the orchestrator); a malformed uuid ends the stream with status OK;
 * results are accepted from any stream, and applied whatever the task's state, so a repeated
 * identical result changes nothing, while a different late one overwrites, as in the
 * orchestrator; in-flight tasks of a shepherd that disconnects are neither failed nor sent
 * elsewhere.</li>
 * </ul>
 * <h2>What it does not model</h2>
 * No persistence and no restarts (state lives in this object until {@link #reset()} or
 * {@link #close()}); no domain concurrency limit and none of its leak of successful tasks; no
 * over-dispatch (a shepherd gets at most its maximum minus the larger of its reported load and
 * its unanswered tasks); the queue keeps its order across groups; results are routed by task id
 * whatever the domain (the orchestrator may lose them when several domains are in use); no
 * Ping messages, no silent-shepherd timeout, no HTTP/2 keepalive policy; a repeated Hello with a
 * uuid whose old stream is still open takes the entry over cleanly; a result is seen by a
 * blocking wait at once rather than on the next 200 ms tick; huge retry delays that crash the
 * orchestrator's scheduler are simply long; doubles in re-emitted JSON text are printed the
 * Java way (which can differ in exponent notation).
 * <h2>Controls for failure cases</h2>
 * {@link #failAttempts}, {@link #hold}, {@link #cutShepherdStreams()},
 * {@link #makeUnavailable()} and {@link #makeAvailable()}.
 */
public final class AzollaTestOrchestrator implements AutoCloseable {

	/** The shepherd group of tasks created without one. */
	public static final String DEFAULT_SHEPHERD_GROUP = "default";

	private final ScheduledExecutorService timer;

	private final OrchestratorState state;

	private final Object serverLock = new Object();

	private @Nullable Server server;

	private int port;

	private volatile boolean closed;

	private AzollaTestOrchestrator() {
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "azolla-test-orchestrator");
			thread.setDaemon(true);
			return thread;
		});
		this.state = new OrchestratorState(this.timer, DEFAULT_SHEPHERD_GROUP);
	}

	/**
	 * Starts a stand-in on a free loopback port.
	 * @return the running stand-in; close it when done
	 */
	public static AzollaTestOrchestrator start() {
		return start(0);
	}

	/**
	 * Starts a stand-in on the given loopback port.
	 * @param port the port, 0 for a free one
	 * @return the running stand-in; close it when done
	 */
	public static AzollaTestOrchestrator start(int port) {
		AzollaTestOrchestrator orchestrator = new AzollaTestOrchestrator();
		orchestrator.listen(port);
		return orchestrator;
	}

	private void listen(int requestedPort) {
		Server started = NettyServerBuilder
			.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort))
			// Like the orchestrator, accept whatever keepalive the application's channel uses.
			.permitKeepAliveTime(0, TimeUnit.NANOSECONDS)
			.permitKeepAliveWithoutCalls(true)
			.addService(new ClientServiceStandIn(this.state))
			.addService(ServerInterceptors.intercept(new ClusterServiceStandIn(this.state),
					ClusterServiceStandIn.eagerHeaders()))
			.build();
		try {
			started.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on 127.0.0.1:" + requestedPort, ex);
		}
		this.server = started;
		this.port = started.getPort();
	}

	/**
	 * Returns the address to configure as {@code azolla.client.endpoint}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String endpoint() {
		return "http://" + target();
	}

	/**
	 * Returns the address in the {@code host:port} form gRPC channel builders take.
	 * @return the target
	 */
	public String target() {
		return InetAddress.getLoopbackAddress().getHostAddress() + ":" + this.port;
	}

	/**
	 * Returns the port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the properties that point a Spring application at this stand-in, for
	 * {@code SpringApplicationBuilder.properties(...)} or
	 * {@code ApplicationContextRunner.withPropertyValues(...)}: the client endpoint, and
	 * embedded mode off so that tasks really travel through it.
	 * @return {@code key=value} pairs
	 */
	public String[] springProperties() {
		return new String[] { "azolla.client.endpoint=" + endpoint(), "azolla.embedded.enabled=false" };
	}

	// ---- what happened

	/**
	 * Returns every task created since the start or the last reset, oldest first.
	 * @return the tasks
	 */
	public List<SubmittedTask> tasks() {
		return this.state.snapshot((task) -> true);
	}

	/**
	 * Returns the tasks created under a name, oldest first.
	 * @param taskName the task name
	 * @return the tasks
	 */
	public List<SubmittedTask> tasks(String taskName) {
		return tasks((task) -> task.name().equals(taskName));
	}

	/**
	 * Returns the tasks that match a condition, oldest first.
	 * @param filter the condition
	 * @return the tasks
	 */
	public List<SubmittedTask> tasks(Predicate<SubmittedTask> filter) {
		return this.state.snapshot(filter);
	}

	/**
	 * Returns one task.
	 * @param taskId the task id
	 * @return the task, empty when unknown
	 */
	public Optional<SubmittedTask> task(String taskId) {
		return this.state.snapshot((task) -> task.id().equals(taskId)).stream().findFirst();
	}

	/**
	 * Returns every shepherd that registered, connected or not.
	 * @return the shepherds, in registration order
	 */
	public List<ShepherdConnection> shepherds() {
		return this.state.shepherds();
	}

	// ---- waiting

	/**
	 * Waits until a task of the given name has been created.
	 * @param taskName the task name
	 * @param timeout how long to wait
	 * @return the first such task
	 * @throws AssertionError if none was created in time
	 */
	public SubmittedTask awaitSubmitted(String taskName, Duration timeout) {
		return awaitCondition(() -> tasks(taskName).stream().findFirst(), timeout)
			.orElseThrow(() -> new AssertionError("Expected a task '" + taskName + "' to be submitted within " + timeout
					+ " but the orchestrator received: " + describeTasks()));
	}

	/**
	 * Waits until a task has its final result.
	 * @param taskId the task id
	 * @param timeout how long to wait
	 * @return the finished task
	 * @throws AssertionError if it did not finish in time
	 */
	public SubmittedTask awaitFinished(String taskId, Duration timeout) {
		return awaitTask(taskId, SubmittedTask::isFinished, "finish", timeout);
	}

	/**
	 * Waits until a task is in the given state.
	 * @param taskId the task id
	 * @param state the state
	 * @param timeout how long to wait
	 * @return the task in that state
	 * @throws AssertionError if it did not reach it in time
	 */
	public SubmittedTask awaitState(String taskId, SubmittedTask.State state, Duration timeout) {
		return awaitTask(taskId, (task) -> task.state() == state, "be " + state, timeout);
	}

	private SubmittedTask awaitTask(String taskId, Predicate<SubmittedTask> condition, String what, Duration timeout) {
		return awaitCondition(() -> task(taskId).filter(condition), timeout)
			.orElseThrow(() -> new AssertionError("Expected task " + taskId + " to " + what + " within " + timeout
					+ " but it is " + task(taskId).map(AzollaTestOrchestrator::describe).orElse("unknown")));
	}

	/**
	 * Waits until a shepherd is connected in the given domain and group.
	 * @param domain the domain
	 * @param group the shepherd group
	 * @param timeout how long to wait
	 * @return the shepherd
	 * @throws AssertionError if none connected in time
	 */
	public ShepherdConnection awaitShepherd(String domain, String group, Duration timeout) {
		return awaitCondition(() -> shepherds().stream()
			.filter((shepherd) -> shepherd.connected() && shepherd.domain().equals(domain)
					&& shepherd.group().equals(group))
			.findFirst(), timeout)
			.orElseThrow(() -> new AssertionError("Expected a shepherd of domain '" + domain + "' and group '" + group
					+ "' to connect within " + timeout + " but the shepherds are: " + shepherds()));
	}

	/**
	 * Waits until any shepherd is connected.
	 * @param timeout how long to wait
	 * @return the shepherd
	 * @throws AssertionError if none connected in time
	 */
	public ShepherdConnection awaitShepherd(Duration timeout) {
		return awaitCondition(() -> shepherds().stream().filter(ShepherdConnection::connected).findFirst(), timeout)
			.orElseThrow(() -> new AssertionError(
					"Expected a shepherd to connect within " + timeout + " but the shepherds are: " + shepherds()));
	}

	<T> Optional<T> awaitCondition(Supplier<Optional<T>> query, Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		return this.state.await(query, timeout);
	}

	// ---- controls

	/**
	 * Makes the next attempts of a task fail without running: each of the next {@code times}
	 * attempts of tasks with this name ends at once with the given error type, and the task's
	 * retry policy decides what follows, exactly as if a worker had failed. Later attempts run
	 * normally. Replaces an earlier setting for the same name.
	 * @param taskName the task name
	 * @param times how many attempts fail
	 * @param errorType the error type they fail with, which the retry policy matches
	 */
	public void failAttempts(String taskName, int times, String errorType) {
		failAttempts(taskName, times, errorType, "failure injected by the test");
	}

	/**
	 * Like {@link #failAttempts(String, int, String)} with a message of your own.
	 * @param taskName the task name
	 * @param times how many attempts fail
	 * @param errorType the error type
	 * @param message the error message
	 */
	public void failAttempts(String taskName, int times, String errorType, String message) {
		if (times < 0) {
			throw new IllegalArgumentException("times must not be negative (was " + times + ")");
		}
		this.state.injectFailures(Objects.requireNonNull(taskName, "taskName"), times, ErrorResult.newBuilder()
			.setType(Objects.requireNonNull(errorType, "errorType"))
			.setMessage(message)
			.setData("{}")
			.setRetriable(true)
			.build());
	}

	/**
	 * Keeps tasks of a name from being dispatched until the returned hold is released.
	 * @param taskName the task name
	 * @return the hold
	 */
	public TaskHold hold(String taskName) {
		TaskHold hold = new TaskHold(this, Objects.requireNonNull(taskName, "taskName"));
		this.state.hold(hold);
		return hold;
	}

	/**
	 * Ends every open shepherd stream with an {@code UNAVAILABLE} error, as a broken connection
	 * would. The shepherds reconnect by themselves; their running tasks stay running here and
	 * complete when their results arrive on a new stream.
	 * @return the number of streams cut
	 */
	public int cutShepherdStreams() {
		return this.state.endStreams((stream) -> stream
			.onError(Status.UNAVAILABLE.withDescription("shepherd stream cut by the test").asRuntimeException()));
	}

	/**
	 * Stops listening, as an orchestrator that went down: connections are refused, open calls
	 * and streams fail. What it knows is kept: {@link #makeAvailable()} brings it back on the
	 * same port with every task as it was (unlike a real restart, which forgets everything).
	 */
	public void makeUnavailable() {
		synchronized (this.serverLock) {
			if (this.server == null) {
				return;
			}
			this.state.endStreams((stream) -> stream
				.onError(Status.UNAVAILABLE.withDescription("orchestrator made unavailable by the test").asRuntimeException()));
			this.server.shutdownNow();
			try {
				this.server.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.server = null;
		}
	}

	/**
	 * Listens again on the same port after {@link #makeUnavailable()}.
	 */
	public void makeAvailable() {
		synchronized (this.serverLock) {
			if (this.server != null || this.closed) {
				return;
			}
			listen(this.port);
		}
	}

	/**
	 * Returns whether it listens now.
	 * @return {@code false} between {@link #makeUnavailable()} and {@link #makeAvailable()}
	 */
	public boolean isAvailable() {
		synchronized (this.serverLock) {
			return this.server != null;
		}
	}

	/**
	 * Forgets every task, injected failure and hold, and listens again if it was made
	 * unavailable; connected shepherds stay connected. Run between tests that share one
	 * stand-in (the Spring and JUnit integrations do it after each test).
	 */
	public void reset() {
		makeAvailable();
		this.state.reset();
	}

	/**
	 * Stops listening and forgets everything.
	 */
	@Override
	public void close() {
		this.closed = true;
		makeUnavailable();
		this.timer.shutdownNow();
	}

	OrchestratorState state() {
		return this.state;
	}

	String describeTasks() {
		List<SubmittedTask> all = tasks();
		return all.isEmpty() ? "no tasks"
				: all.stream().map(AzollaTestOrchestrator::describe).collect(Collectors.joining(", ", "[", "]"));
	}

	static String describe(SubmittedTask task) {
		return task.name() + " " + task.id() + " " + task.state() + " after " + task.attemptCount() + " attempt(s)"
				+ task.result().map((result) -> " -> " + result).orElse("");
	}

	@Override
	public String toString() {
		return "AzollaTestOrchestrator at " + endpoint();
	}

}
