package io.azolla.spring.worker;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.spring.client.GrpcFailures;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.azolla.spring.task.TaskInvoker;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Makes this application a shepherd: it keeps {@code ClusterService.Stream} open to the
 * orchestrator and runs the tasks it is sent in-process (protocol §5, checklist §5.10).
 * <p>
 * <b>On one stream.</b> Nothing is sent until the server's response headers arrive (the
 * orchestrator sends them at once), so that Hello and results are never written into a call
 * that has not reached a live server (a stream without headers after 10 s is cancelled and
 * retried). Then Hello, exactly once, and a Status right after it;
 * then the undelivered results. Status follows every load change (at most one per 50 ms) and
 * every status interval, with {@code current_load} = running + queued tasks capped at the
 * maximum, and {@code available_capacity} = maximum − load, so the orchestrator stops
 * over-dispatching as early as it can (§5.4, §5.7). Ping is ignored. The stream is read
 * continuously: a Task is handed to the {@link TaskExecutionEngine}, which queues it locally
 * when no slot is free, and never runs on the gRPC thread.
 * <p>
 * <b>Results, exactly once.</b> Every Task gets one TaskResult. Results wait in an in-memory
 * outbox until they are written on a registered stream, across any number of reconnections,
 * and are never written before that stream's Hello (a result sent before Hello is lost, §5.1).
 * A result is removed from the outbox when it is written, and is not sent again even if that
 * stream breaks right afterwards: delivery is <em>at most once</em>. Writing does not prove
 * receipt, so a stream that dies in that instant loses the result and leaves the task
 * unfinished in the orchestrator; sending it again instead would risk a duplicate, and the
 * orchestrator re-applies duplicates to finished tasks, which can overwrite a success with a
 * failure or start a finished task again (§5.8). A hanging task is visible and recoverable; a
 * silently re-run or corrupted one is not. The Rust shepherd makes the same choice. A Task whose
 * id is still queued, running or waiting in the outbox is a duplicate and is ignored.
 * <p>
 * <b>Reconnection.</b> Forever, after errors and after a clean close by the server, waiting
 * between half and all of a base delay that starts at the initial wait and grows by the
 * multiplier up to the maximum on each failed attempt. A clean close, or the loss of a stream
 * that was registered, starts again from the initial wait, so a server that keeps closing
 * cleanly is retried at that pace and never in a hot loop (unlike the Rust shepherd, §5.9).
 * {@link #start()} never fails because the orchestrator is unreachable: {@link WorkerStats}
 * shows {@code DISCONNECTED} with the last error while attempts go on in the background.
 * <p>
 * <b>Shepherd uuid.</b> A fresh random uuid per stream. Reusing one uuid keeps a single entry
 * in the orchestrator's ring, but when the new Hello arrives before the server noticed the old
 * stream's death, the server registers the uuid again and later, tearing the old stream down,
 * marks it disconnected: the new, healthy stream then silently receives no tasks (§5.2). A
 * fresh uuid cannot be disabled by an old stream; the cost is one dead registry entry per
 * reconnection, which dispatch skips. Results are routed by task id only, so nothing is lost.
 * <p>
 * <b>Stopping.</b> {@link #stop(Runnable)} reports zero capacity (Status with load = maximum),
 * lets running tasks finish within the shutdown timeout (then interrupts them), answers queued
 * tasks and tasks that arrive while stopping with the retryable
 * {@value TaskExecutionEngine#SHUTDOWN_ERROR} error, waits for the outbox to be delivered
 * (reconnecting if needed), and half-closes the stream. All of it fits in the shutdown
 * timeout: running tasks get that timeout less a reserve for delivering their results, so
 * keep {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default) above it. The
 * worker cannot be started again after it stopped.
 * <p>
 * Logs never contain arguments or results; connection changes are logged at INFO, repeated
 * connection failures at WARN without stack traces.
 */
public class ShepherdWorker implements SmartLifecycle {

	/**
	 * The lifecycle phase: after the web server has started, so the application is otherwise
	 * ready when tasks arrive, and stopped before the web server's graceful shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/** The shortest time between two Status messages caused by load changes. */
	static final long STATUS_WINDOW_MILLIS = 50;

	/**
	 * How long a stopping worker keeps the stream open after reporting zero capacity, so that
	 * Tasks the orchestrator dispatched before it read that Status are still answered.
	 */
	static final Duration STOP_GRACE = Duration.ofMillis(300);

	static final Duration MAX_DELIVERY_RESERVE = Duration.ofSeconds(5);

	/**
	 * How long the stream must stay free of new Tasks before a stopping worker closes it. The
	 * orchestrator may have chosen this worker just before it read the zero-capacity Status and
	 * then spend a while committing the dispatch; a Task arriving after the close could never
	 * be answered (measured against the real orchestrator under load: about 300 ms late).
	 */
	static final Duration STOP_QUIET_PERIOD = Duration.ofSeconds(1);

	private volatile long lastTaskReceived = System.nanoTime();

	private final CountDownLatch stopped = new CountDownLatch(1);

	/**
	 * How long a new stream may go without response headers before it is abandoned: it guards
	 * against connections that hang half-open, which would otherwise never register or fail.
	 */
	static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(ShepherdWorker.class);

	private static final int WARN_EVERY = 10;

	private final Channel channel;

	private final ShepherdSettings settings;

	private final TaskExecutionEngine engine;

	private final WorkerStats stats;

	private final String endpoint;

	private final ScheduledExecutorService scheduler;

	private final CoalescingTrigger statusTrigger;

	private final Object lock = new Object();

	/** Guarded by lock: results not yet written on a registered stream, by task id. */
	private final Map<String, TaskResult> outbox = new LinkedHashMap<>();

	/** Guarded by lock. */
	private final ReconnectBackoff backoff;

	/** Guarded by lock. */
	private Connection connection;

	/** Guarded by lock. */
	private State state = State.NEW;

	/** Guarded by lock. */
	private boolean attempted;

	/** Guarded by lock: connection attempts that failed since the last registration. */
	private int failures;

	/**
	 * Creates a worker with its own execution engine built from the settings.
	 * @param channel the channel to the orchestrator; owned by the caller
	 * @param settings the worker settings
	 * @param invoker runs the tasks
	 * @param taskExecutor supplies the threads tasks run on (a thread per task, virtual
	 * where available, suits best); owned by the caller
	 * @param stats where figures are recorded
	 */
	public ShepherdWorker(Channel channel, ShepherdSettings settings, TaskInvoker invoker, Executor taskExecutor,
			WorkerStats stats) {
		this(channel, settings, new TaskExecutionEngine(invoker, settings.maxConcurrency(), settings.taskTimeout(),
				settings.taskTimeouts()::get, taskExecutor), stats);
	}

	/**
	 * Creates a worker over an execution engine that is used by this worker only.
	 * @param channel the channel to the orchestrator; owned by the caller
	 * @param settings the worker settings
	 * @param engine the engine, whose concurrency must equal the settings'
	 * @param stats where figures are recorded
	 */
	public ShepherdWorker(Channel channel, ShepherdSettings settings, TaskExecutionEngine engine, WorkerStats stats) {
		this.channel = Objects.requireNonNull(channel, "channel");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.stats = Objects.requireNonNull(stats, "stats");
		if (engine.maxConcurrency() != settings.maxConcurrency()) {
			throw new IllegalArgumentException("The engine runs " + engine.maxConcurrency()
					+ " tasks at once but the settings announce " + settings.maxConcurrency());
		}
		this.endpoint = channel.authority();
		this.backoff = new ReconnectBackoff(settings.reconnectInitial(), settings.reconnectMax(),
				settings.reconnectMultiplier(), () -> ThreadLocalRandom.current().nextDouble());
		this.scheduler = Executors.newSingleThreadScheduledExecutor(TaskExecutionEngine.daemonThreads("azolla-shepherd-"));
		this.statusTrigger = new CoalescingTrigger(this.scheduler, STATUS_WINDOW_MILLIS, () -> sendStatus(false));
		engine.addListener(stats.executionListener(settings.maxConcurrency()));
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void loadChanged(int running, int queued) {
				ShepherdWorker.this.statusTrigger.request();
			}

		});
	}

	/**
	 * Starts connecting in the background and returns at once, whether or not the orchestrator
	 * is reachable.
	 * @throws IllegalStateException if the worker was stopped before
	 */
	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.state == State.RUNNING) {
				return;
			}
			if (this.state != State.NEW) {
				throw new IllegalStateException("A shepherd worker cannot be started again after it stopped");
			}
			this.state = State.RUNNING;
		}
		if (!this.engine.hasTasks()) {
			// An application that only submits tasks must not register as a shepherd: the
			// orchestrator would send it tasks it can only answer with TaskNotFound.
			logger.info("No Azolla tasks are registered; the shepherd worker does not connect");
			return;
		}
		keepJvmAlive();
		long interval = this.settings.statusInterval().toNanos();
		this.scheduler.scheduleWithFixedDelay(() -> sendStatus(true), interval, interval, TimeUnit.NANOSECONDS);
		this.scheduler.execute(this::connect);
	}

	/**
	 * Stops and waits for it, see {@link #stop(Runnable)}.
	 */
	@Override
	public void stop() {
		if (beginStop()) {
			drain();
		}
	}

	/**
	 * Stops in the background: reports zero capacity, finishes or interrupts running tasks,
	 * answers queued ones, delivers the results and closes the stream, then runs the callback.
	 * @param callback told when the worker has stopped
	 */
	@Override
	public void stop(Runnable callback) {
		if (!beginStop()) {
			callback.run();
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				drain();
			}
			finally {
				callback.run();
			}
		}, "azolla-shepherd-stop");
		thread.start();
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lock) {
			return this.state == State.RUNNING || this.state == State.STOPPING;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns the figures this worker records.
	 * @return the statistics
	 */
	public WorkerStats stats() {
		return this.stats;
	}

	/**
	 * Returns the number of results not yet written on a registered stream.
	 * @return the outbox size
	 */
	public int undeliveredResults() {
		synchronized (this.lock) {
			return this.outbox.size();
		}
	}

	private boolean beginStop() {
		synchronized (this.lock) {
			if (this.state != State.RUNNING) {
				return false;
			}
			this.state = State.STOPPING;
		}
		return true;
	}

	private void drain() {
		Duration timeout = this.settings.shutdownTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		// Running tasks get the timeout less a reserve, so that their results (interrupted ones
		// included) can still be delivered before Spring gives up on this shutdown phase.
		Duration forTasks = timeout.minus(deliveryReserve(timeout));
		TaskExecutionEngine.Load load = this.engine.load();
		logger.info("Stopping the Azolla shepherd worker: no new tasks; waiting up to " + forTasks + " for "
				+ load.running() + " running task(s); " + load.queued() + " queued task(s) will be returned");
		long zeroCapacitySent = System.nanoTime();
		sendStatus(true);
		if (!this.engine.shutdown(forTasks)) {
			logger.warn("Running tasks did not finish within " + forTasks + " and were interrupted");
		}
		sleepUntil(Math.min(zeroCapacitySent + STOP_GRACE.toNanos(), deadline));
		awaitQuietStream(remaining(deadline));
		if (!awaitOutboxEmpty(remaining(deadline))) {
			logger.warn(undeliveredResults() + " task result(s) could not be delivered before stopping; "
					+ "the orchestrator keeps those tasks unfinished");
		}
		close();
		logger.info("Azolla shepherd worker stopped");
	}

	/**
	 * Holds a non-daemon thread while the worker runs. gRPC's and our own threads are daemons,
	 * so a worker-only application without a web server would otherwise exit right after
	 * start-up.
	 */
	private void keepJvmAlive() {
		Thread keepAlive = new Thread(() -> {
			try {
				this.stopped.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "azolla-shepherd-keep-alive");
		keepAlive.setDaemon(false);
		keepAlive.start();
	}

	private void close() {
		Connection closing;
		boolean registered = false;
		synchronized (this.lock) {
			this.state = State.STOPPED;
			closing = this.connection;
			this.connection = null;
			if (closing != null) {
				closing.ended = true;
				registered = closing.registered;
			}
			this.stats.recordDisconnected(null);
		}
		if (closing != null) {
			closing.close(registered);
		}
		this.scheduler.shutdownNow();
		this.stopped.countDown();
	}

	/**
	 * Keeps the stream open until no Task has arrived for {@link #STOP_QUIET_PERIOD}; late
	 * Tasks are answered with the retryable shutdown error so the orchestrator sends them
	 * elsewhere.
	 */
	/**
	 * A quarter of the shutdown timeout, at most 5 s, for delivering results after the tasks.
	 */
	static Duration deliveryReserve(Duration timeout) {
		Duration quarter = timeout.dividedBy(4);
		return (quarter.compareTo(MAX_DELIVERY_RESERVE) > 0) ? MAX_DELIVERY_RESERVE : quarter;
	}

	private static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
	}

	private void awaitQuietStream(Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			long quietUntil = this.lastTaskReceived + STOP_QUIET_PERIOD.toNanos();
			long now = System.nanoTime();
			if (now - quietUntil >= 0 || now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
				return;
			}
			sleepUntil(Math.min(quietUntil, deadline));
		}
	}

	private boolean awaitOutboxEmpty(Duration limit) {
		return LockWaits.awaitUnder(this.lock, this.outbox::isEmpty, limit);
	}

	private static void sleepUntil(long deadlineNanos) {
		long remaining = deadlineNanos - System.nanoTime();
		if (remaining > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void connect() {
		Connection created;
		synchronized (this.lock) {
			if (this.state == State.STOPPED) {
				return;
			}
			created = new Connection(UUID.randomUUID().toString());
			this.connection = created;
			this.stats.recordConnecting(this.endpoint, this.settings.domain(), this.settings.group(), created.uuid,
					this.attempted);
			this.attempted = true;
		}
		logger.debug("Opening the shepherd stream to " + this.endpoint + " as " + created.uuid);
		// Our own backoff paces reconnection; gRPC's would add up to minutes on top of it.
		GrpcFailures.reconnectNow(this.channel);
		try {
			Channel observed = ClientInterceptors.intercept(this.channel, new HeadersInterceptor(created::opened));
			ClusterServiceGrpc.newStub(observed).stream(created);
			boolean closedMeanwhile;
			synchronized (this.lock) {
				closedMeanwhile = created.ended;
			}
			if (closedMeanwhile) {
				// stop() ran before the call existed and could not cancel it.
				created.cancel("Shepherd worker stopped");
				return;
			}
			this.scheduler.schedule(() -> abandonIfNotOpen(created), OPEN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped meanwhile; close() cancels the stream.
		}
		catch (RuntimeException ex) {
			// For example a channel that is already shut down: treated like any failed attempt.
			created.onError(ex);
		}
	}

	private void abandonIfNotOpen(Connection candidate) {
		synchronized (this.lock) {
			if (this.connection != candidate || candidate.registered || candidate.ended) {
				return;
			}
		}
		// The cancellation comes back through onError, which schedules the next attempt.
		candidate.cancel("No response headers within " + OPEN_TIMEOUT.toSeconds() + " s");
	}

	private void opened(Connection opened) {
		synchronized (this.lock) {
			if (this.connection != opened || opened.registered || opened.ended) {
				return;
			}
			Hello hello = Hello.newBuilder()
				.setShepherdUuid(opened.uuid)
				.setMaxConcurrency(this.settings.maxConcurrency())
				.setDomain(this.settings.domain())
				.setShepherdGroup(this.settings.group())
				.build();
			if (!opened.send(ClientMsg.newBuilder().setHello(hello).build())) {
				return;
			}
			opened.registered = true;
			this.failures = 0;
			this.backoff.reset();
			this.stats.recordRegistered();
			sendStatusLocked(opened, true);
			flushLocked(opened);
		}
		logger.info("Registered with the Azolla orchestrator at " + this.endpoint + " as shepherd " + opened.uuid
				+ " (domain '" + this.settings.domain() + "', group '" + this.settings.group() + "', max concurrency "
				+ this.settings.maxConcurrency() + ")");
		watchConnection(opened);
	}

	/**
	 * Reopens the stream when the connection under it is going away. An orchestrator that is
	 * asked to stop sends GOAWAY and stops accepting connections but keeps existing streams
	 * open while it waits for them to end (seen with the real server: it waited until it was
	 * killed), so the stream itself would say nothing. The channel leaving READY is the sign.
	 */
	private void watchConnection(Connection watched) {
		if (!(this.channel instanceof ManagedChannel managed)) {
			return;
		}
		try {
			ConnectivityState seen = managed.getState(false);
			if (seen != ConnectivityState.READY) {
				// Already going away while the Hello was being sent.
				goingAway(watched, seen);
				return;
			}
			managed.notifyWhenStateChanged(seen, () -> {
				synchronized (this.lock) {
					if (this.connection != watched || watched.ended || this.state == State.STOPPED) {
						return;
					}
				}
				watchConnection(watched);
			});
		}
		catch (UnsupportedOperationException ex) {
			// A channel wrapper without state tracking: the stream's own errors must do.
			logger.debug("The channel to " + this.endpoint + " does not report its state: " + ex);
		}
	}

	private void goingAway(Connection watched, ConnectivityState state) {
		synchronized (this.lock) {
			if (this.connection != watched || watched.ended || this.state == State.STOPPED) {
				return;
			}
		}
		logger.info("The connection to the Azolla orchestrator at " + this.endpoint + " is going away (" + state
				+ "); reopening the shepherd stream");
		watched.cancel("Connection to the orchestrator is going away");
	}

	private void lost(Connection lost, Throwable error) {
		Duration delay;
		boolean wasRegistered;
		int failed;
		String reason = (error != null) ? describe(error) : "the orchestrator closed the stream";
		synchronized (this.lock) {
			if (lost.ended || this.connection != lost) {
				lost.ended = true;
				return;
			}
			lost.ended = true;
			this.connection = null;
			this.stats.recordDisconnected(reason);
			if (this.state == State.STOPPED) {
				return;
			}
			wasRegistered = lost.registered;
			if (error == null || wasRegistered) {
				// The connection worked: start again from the initial wait, never from zero.
				this.backoff.reset();
				this.failures = 0;
			}
			else {
				this.failures++;
			}
			failed = this.failures;
			delay = this.backoff.next();
		}
		logLoss(reason, wasRegistered, failed, delay);
		try {
			this.scheduler.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped meanwhile.
		}
	}

	private void logLoss(String reason, boolean wasRegistered, int failures, Duration delay) {
		String retry = "; reconnecting in " + delay.toMillis() + " ms";
		if (wasRegistered || failures == 0) {
			logger.info("Disconnected from the Azolla orchestrator at " + this.endpoint + ": " + reason + retry);
		}
		else if (failures == 1 || failures % WARN_EVERY == 0) {
			logger.warn("Cannot reach the Azolla orchestrator at " + this.endpoint + " (" + failures
					+ " failed attempt(s)): " + reason + retry);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Connection attempt " + failures + " to " + this.endpoint + " failed: " + reason + retry);
		}
	}

	private void received(Connection from, ServerMsg message) {
		if (message.hasTask()) {
			accept(message.getTask());
		}
		else if (!message.hasPing() && logger.isDebugEnabled()) {
			logger.debug("Ignoring a server message of kind " + message.getKindCase() + " on " + from.uuid);
		}
	}

	private void accept(Task task) {
		String taskId = task.getTaskId();
		if (!TaskIds.isUuid(taskId)) {
			// Answering would close the stream (§5.1), and the orchestrator only sends uuids.
			logger.warn("Ignoring a Task for '" + task.getName() + "' whose id is not a uuid");
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Received task '" + task.getName() + "' (" + taskId + ")");
		}
		this.lastTaskReceived = System.nanoTime();
		synchronized (this.lock) {
			// Under the lock so that a result reaching the outbox in between cannot let the
			// duplicate of a just-finished task through.
			if (this.outbox.containsKey(taskId) || this.engine.contains(taskId)) {
				logger.warn("Ignoring a duplicate Task " + taskId + " for '" + task.getName()
						+ "': it is still queued, running or awaiting delivery");
				return;
			}
			if (this.state != State.RUNNING) {
				if (this.state == State.STOPPED) {
					logger.warn("Task " + taskId + " arrived after the stream was closed and cannot be answered");
					return;
				}
				deliver(this.engine.shutdownResult(taskId, task.getName()));
				return;
			}
			if (!this.engine.submit(taskId, task.getName(), task.getArgs(), task.getKwargs(), this::deliver)) {
				logger.warn("Ignoring a duplicate Task " + taskId + " for '" + task.getName() + "'");
			}
		}
	}

	private void deliver(TaskResult result) {
		synchronized (this.lock) {
			if (this.outbox.putIfAbsent(result.getTaskId(), result) != null) {
				logger.warn("A second result for task " + result.getTaskId() + " was discarded");
				return;
			}
			Connection current = this.connection;
			if (current != null && current.registered) {
				flushLocked(current);
			}
		}
	}

	private void flushLocked(Connection target) {
		Iterator<TaskResult> pending = this.outbox.values().iterator();
		while (pending.hasNext()) {
			TaskResult result = pending.next();
			if (!target.send(ClientMsg.newBuilder().setTaskResult(result).build())) {
				break;
			}
			pending.remove();
			if (logger.isDebugEnabled()) {
				logger.debug("Sent the result of task " + result.getTaskId() + " on " + target.uuid);
			}
		}
		this.lock.notifyAll();
	}

	private void sendStatus(boolean always) {
		synchronized (this.lock) {
			Connection current = this.connection;
			if (current != null && current.registered && !current.ended) {
				sendStatusLocked(current, always);
			}
		}
	}

	private void sendStatusLocked(Connection target, boolean always) {
		Status status = currentStatus();
		if (!always && status.equals(target.lastStatus)) {
			return;
		}
		if (target.send(ClientMsg.newBuilder().setStatus(status).build())) {
			target.lastStatus = status;
		}
	}

	private Status currentStatus() {
		int max = this.settings.maxConcurrency();
		int load;
		if (this.state != State.RUNNING) {
			// Stopping: full load, so the orchestrator sends nothing more.
			load = max;
		}
		else {
			TaskExecutionEngine.Load current = this.engine.load();
			load = (int) Math.min(max, (long) current.running() + current.queued());
		}
		return Status.newBuilder().setCurrentLoad(load).setAvailableCapacity(max - load).build();
	}

	private static String describe(Throwable error) {
		io.grpc.Status status = io.grpc.Status.fromThrowable(error);
		String description = status.getDescription();
		return status.getCode() + ((description != null) ? ": " + description : "");
	}

	private enum State {

		NEW, RUNNING, STOPPING, STOPPED

	}

	/**
	 * One stream: its uuid, its request side, and whether Hello was written on it.
	 */
	private final class Connection implements ClientResponseObserver<ClientMsg, ServerMsg> {

		private final String uuid;

		private volatile ClientCallStreamObserver<ClientMsg> requests;

		/** Guarded by the worker's lock: Hello was written on this stream. */
		private boolean registered;

		/** Guarded by the worker's lock: this stream is over, for whatever reason. */
		private boolean ended;

		/** Guarded by the worker's lock. */
		private Status lastStatus;

		Connection(String uuid) {
			this.uuid = uuid;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<ClientMsg> requestStream) {
			this.requests = requestStream;
		}

		void opened() {
			ShepherdWorker.this.opened(this);
		}

		/**
		 * Writes a message; called with the worker's lock held, which also serialises writes
		 * as gRPC requires.
		 * @return {@code false} when the call refused it, so it was certainly not sent
		 */
		boolean send(ClientMsg message) {
			try {
				this.requests.onNext(message);
				return true;
			}
			catch (RuntimeException ex) {
				logger.debug("Could not write on the stream " + this.uuid + ": " + ex);
				return false;
			}
		}

		void cancel(String reason) {
			try {
				this.requests.cancel(reason, null);
			}
			catch (RuntimeException ex) {
				logger.debug("Cancelling the stream " + this.uuid + " failed: " + ex);
			}
		}

		void close(boolean registered) {
			try {
				if (registered) {
					// A half-close: the orchestrator then ends its side (§5.1).
					this.requests.onCompleted();
				}
				else {
					this.requests.cancel("Shepherd worker stopped", null);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the stream " + this.uuid + " failed: " + ex);
			}
		}

		@Override
		public void onNext(ServerMsg message) {
			// A message proves the stream is open even if headers went unnoticed.
			opened();
			received(this, message);
		}

		@Override
		public void onError(Throwable error) {
			lost(this, error);
		}

		@Override
		public void onCompleted() {
			lost(this, null);
		}

	}

}
