package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.List;
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
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.azolla.spring.retry.TransportRetry;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.LockWaits;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.TaskIds;
import io.azolla.spring.worker.WorkerStats;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Makes this application a shepherd: it keeps {@code ClusterService.Stream} open to the
 * orchestrator and runs the tasks it is sent in-process (protocol §5, checklist §5.10).
 * <p>
 * <b>On one stream</b> ({@link ShepherdStream}). Nothing is sent until the server's response
 * headers arrive (the orchestrator sends them at once), so that Hello and results are never
 * written into a call that has not reached a live server (a stream without headers after 10 s
 * is cancelled and retried). Then Hello, exactly once, and a Status right after it; then the
 * undelivered results. Status follows every load change (at most one per 50 ms) and every
 * status interval, with {@code current_load} = running + queued tasks capped at the maximum,
 * and {@code available_capacity} = maximum − load, so the orchestrator stops over-dispatching
 * as early as it can (§5.4, §5.7). Ping is ignored. The stream is read continuously: a Task is
 * handed to the {@link TaskExecutionEngine}, which queues it locally when no slot is free, and
 * never runs on the gRPC thread.
 * <p>
 * <b>Results</b> ({@link ResultOutbox}). Every Task gets one TaskResult. Results wait until they
 * are written on a registered stream, across any number of reconnections, and are never
 * written before that stream's Hello (a result sent before Hello is lost, §5.1). The
 * orchestrator acknowledges nothing, so a result written shortly before a stream breaks may be
 * lost: successes written on a broken stream within the last {@link #RESEND_WINDOW} are sent
 * again on the next one, which the orchestrator takes as storing the same value again. An
 * error is never sent twice, because a repeated error for a task waiting for its retry makes
 * the orchestrator run it twice; errors written just before a break are counted as in doubt
 * ({@link WorkerStats.Connection#resultsInDoubt()}) and logged with their task id. A Task
 * whose id is still queued, running or waiting to be written is a duplicate and is ignored.
 * <p>
 * <b>Reconnection.</b> Forever, after errors and after a clean close by the server. After a
 * stream that stayed registered for at least {@link #HEALTHY_AFTER}, the next attempt follows
 * at once (within a few milliseconds of jitter) and the backoff starts again from the initial
 * wait; otherwise, a link that keeps breaking or refusing, each attempt waits between half and
 * all of a base delay that grows by the multiplier up to the maximum, so it is never retried in
 * a hot loop (unlike the Rust shepherd, §5.9). {@link #start()} never fails because the
 * orchestrator is unreachable: {@link WorkerStats} shows {@code DISCONNECTED} with the last
 * error while attempts go on in the background. A connection that is going away (GOAWAY) is
 * left with a half-close, so results still buffered reach the server, and the stream is
 * cancelled only if the server does not end it within {@link #GOING_AWAY_LIMIT}.
 * <p>
 * <b>Shepherd uuid.</b> One random uuid for the worker's lifetime, reused on every stream, as
 * the Rust shepherd does: the orchestrator keeps one registry entry and writes one
 * registration event. The server marks a uuid disconnected when it tears down an old stream,
 * even if a newer stream registered it again meanwhile (§5.2); after an ordinary break the
 * server sees the old stream end long before the new Hello arrives. After a keepalive failure
 * (a half-open link) it may not notice for up to 40 s (its keepalive is 30 s + 10 s), so the
 * new stream repeats its Hello {@link #REPEAT_HELLO_AFTER} after registering: by then the late
 * teardown has happened, and the repeated Hello reattaches the stream instead of leaving it
 * silently without tasks. Meanwhile the new Hello has already taken the entry over, so the
 * server dispatches to the new stream, not into the dead one.
 * <p>
 * <b>Stopping.</b> {@link #stop(Runnable)} reports zero capacity (Status with load = maximum),
 * lets running tasks finish within the shutdown timeout (then interrupts them); queued tasks
 * still start in slots freed meanwhile, and those left at the end, like tasks arriving while
 * stopping, are answered with the retryable {@value TaskExecutionEngine#SHUTDOWN_ERROR} error
 * (retried only by policies that include it, such as the starter's default). It then waits
 * for the results to be written (reconnecting if needed), half-closes the stream and waits for
 * the server to end it, the only proof that everything sent was read; results of a stream that
 * breaks meanwhile are sent again on a new one. All of it fits in the shutdown timeout:
 * running tasks get that timeout less a reserve for delivering their results, so keep
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default) above it. The worker
 * cannot be started again after it stopped.
 * <p>
 * <b>Concurrency.</b> One lock guards the worker's state, the current stream's fields and the
 * outbox, and is held while writing on the stream.
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

	/**
	 * How long a new stream may go without response headers before it is abandoned: it guards
	 * against connections that hang half-open, which would otherwise never register or fail.
	 */
	static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a stream must have been registered for its loss to count as a break of a working
	 * link (reconnect at once) rather than a failed attempt (back off).
	 */
	static final Duration HEALTHY_AFTER = Duration.ofSeconds(1);

	/** The largest jitter before reconnecting after a working link broke. */
	static final Duration QUICK_RECONNECT = Duration.ofMillis(20);

	/**
	 * How long after writing a success it is sent again if its stream breaks: longer than a
	 * dead connection takes to be noticed with the default keepalive (10 s + 5 s).
	 */
	static final Duration RESEND_WINDOW = Duration.ofSeconds(30);

	/**
	 * How long after registering following a keepalive failure the Hello is repeated: longer
	 * than the orchestrator can take to tear the half-open stream down after this worker
	 * noticed it (40 s from the link's death less the 15 s this side took).
	 */
	static final Duration REPEAT_HELLO_AFTER = Duration.ofSeconds(35);

	/** How long a server whose connection is going away may take to end a half-closed stream. */
	static final Duration GOING_AWAY_LIMIT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(ShepherdWorker.class);

	private static final int WARN_EVERY = 10;

	private volatile long lastTaskReceived = System.nanoTime();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final Channel channel;

	private final ShepherdSettings settings;

	private final TaskExecutionEngine engine;

	private final WorkerStats stats;

	private final String endpoint;

	private final ScheduledExecutorService scheduler;

	private final CoalescingTrigger statusTrigger;

	private final ShepherdStream.Events events = new StreamEvents();

	private final Object lock = new Object();

	/** Guarded by lock. */
	private final ResultOutbox outbox = new ResultOutbox(RESEND_WINDOW.toNanos());

	/** Guarded by lock. */
	private final ReconnectBackoff backoff;

	/** The uuid every stream registers under, see the class comment. */
	private final String shepherdUuid = UUID.randomUUID().toString();

	/** Guarded by lock. */
	private ShepherdStream connection;

	/** Guarded by lock. */
	private State state = State.NEW;

	/** Guarded by lock. */
	private boolean attempted;

	/** Guarded by lock: connection attempts that failed since the last working stream. */
	private int failures;

	/** Guarded by lock: a connection attempt is scheduled and has not begun. */
	private boolean connectScheduled;

	/** Guarded by lock: the last registered stream died of a keepalive failure. */
	private boolean repeatHello;

	private volatile Duration repeatHelloAfter = REPEAT_HELLO_AFTER;

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
		scheduleConnect(Duration.ZERO);
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
			return this.outbox.pending();
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
				+ load.running() + " running and " + load.queued() + " queued task(s)");
		long zeroCapacitySent = System.nanoTime();
		sendStatus(true);
		if (!this.engine.shutdown(forTasks)) {
			logger.warn("Tasks did not finish within " + forTasks + "; running ones were interrupted, queued ones "
					+ "returned");
		}
		sleepUntil(Math.min(zeroCapacitySent + STOP_GRACE.toNanos(), deadline));
		awaitQuietStream(remaining(deadline));
		closeStream(deadline);
		finish();
		logger.info("Azolla shepherd worker stopped");
	}

	/**
	 * Delivers what is left, half-closes the stream and waits for the server to end it; a
	 * stream that breaks meanwhile puts its results back and a new one is opened.
	 */
	private void closeStream(long deadline) {
		while (true) {
			if (!LockWaits.awaitUnder(this.lock, () -> this.outbox.pending() == 0, remaining(deadline))) {
				logger.warn(undeliveredResults() + " task result(s) could not be delivered before stopping; "
						+ "the orchestrator keeps those tasks unfinished");
				return;
			}
			ShepherdStream closing;
			synchronized (this.lock) {
				closing = this.connection;
				if (closing == null || !closing.registered) {
					// Nothing was written that is not confirmed or queued again.
					return;
				}
				closing.halfClose();
			}
			if (!LockWaits.awaitUnder(this.lock, () -> closing.ended, remaining(deadline))) {
				int unconfirmed;
				synchronized (this.lock) {
					unconfirmed = this.outbox.unconfirmed();
				}
				logger.warn("The orchestrator did not end the shepherd stream in time; " + unconfirmed
						+ " recently sent result(s) are unconfirmed");
				return;
			}
			synchronized (this.lock) {
				if (this.outbox.pending() == 0) {
					return;
				}
			}
			// The stream broke before the server ended it, or late Tasks were answered meanwhile:
			// the results are queued again and go out on the next stream.
		}
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

	private void finish() {
		ShepherdStream open;
		synchronized (this.lock) {
			this.state = State.STOPPED;
			open = this.connection;
			this.connection = null;
			if (open != null) {
				open.ended = true;
			}
			this.stats.recordDisconnected("stopped", false);
		}
		if (open != null) {
			open.cancel("Shepherd worker stopped");
		}
		this.scheduler.shutdownNow();
		this.stopped.countDown();
	}

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

	/**
	 * Keeps the stream open until no Task has arrived for {@link #STOP_QUIET_PERIOD}; late
	 * Tasks are answered with the retryable shutdown error so the orchestrator sends them
	 * elsewhere.
	 */
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

	private void scheduleConnect(Duration delay) {
		synchronized (this.lock) {
			this.connectScheduled = true;
		}
		try {
			this.scheduler.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped meanwhile.
		}
	}

	private void connect() {
		ShepherdStream created;
		synchronized (this.lock) {
			this.connectScheduled = false;
			// A stopping worker only reconnects to deliver results; deliver() calls again.
			if (this.state == State.STOPPED || (this.state == State.STOPPING && this.outbox.pending() == 0)) {
				return;
			}
			created = new ShepherdStream(this.shepherdUuid, this.events);
			this.connection = created;
			this.stats.recordConnecting(this.endpoint, this.settings.domain(), this.settings.group(), created.uuid,
					this.attempted);
			this.attempted = true;
		}
		logger.debug("Opening the shepherd stream to " + this.endpoint + " as " + created.uuid);
		// Our own backoff paces reconnection; gRPC's would add up to minutes on top of it.
		TransportRetry.reconnectNow(this.channel);
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
			// Stopped meanwhile; finish() cancels the stream.
		}
		catch (RuntimeException ex) {
			// For example a channel that is already shut down: treated like any failed attempt.
			created.onError(ex);
		}
	}

	private void abandonIfNotOpen(ShepherdStream candidate) {
		synchronized (this.lock) {
			if (this.connection != candidate || candidate.registered || candidate.ended) {
				return;
			}
		}
		// The cancellation comes back through onError, which schedules the next attempt.
		candidate.cancel("No response headers within " + OPEN_TIMEOUT.toSeconds() + " s");
	}

	private void opened(ShepherdStream opened) {
		synchronized (this.lock) {
			if (this.connection != opened || opened.registered || opened.ended) {
				return;
			}
			if (!opened.send(hello(opened))) {
				return;
			}
			if (this.repeatHello) {
				this.repeatHello = false;
				scheduleRepeatedHello(opened);
			}
			// The backoff is not reset here: only a stream that stays registered proves the
			// link works (a flapping one would otherwise reconnect in a tight loop).
			opened.registered = true;
			opened.registeredAt = System.nanoTime();
			this.stats.recordRegistered();
			sendStatusLocked(opened, true);
			flushLocked(opened);
		}
		logger.info("Registered with the Azolla orchestrator at " + this.endpoint + " as shepherd " + opened.uuid
				+ " (domain '" + this.settings.domain() + "', group '" + this.settings.group() + "', max concurrency "
				+ this.settings.maxConcurrency() + ")");
		watchConnection(opened);
	}

	private ClientMsg hello(ShepherdStream stream) {
		return ClientMsg.newBuilder()
			.setHello(Hello.newBuilder()
				.setShepherdUuid(stream.uuid)
				.setMaxConcurrency(this.settings.maxConcurrency())
				.setDomain(this.settings.domain())
				.setShepherdGroup(this.settings.group()))
			.build();
	}

	private void scheduleRepeatedHello(ShepherdStream stream) {
		try {
			this.scheduler.schedule(() -> {
				synchronized (this.lock) {
					if (this.connection == stream && stream.writable() && stream.send(hello(stream))) {
						// The server may take it as a new registration with no load: correct that.
						sendStatusLocked(stream, true);
						logger.info("Repeated the Hello on shepherd stream " + stream.uuid + " after a keepalive failure");
					}
				}
			}, this.repeatHelloAfter.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped meanwhile.
		}
	}

	/**
	 * Changes how long after a registration following a keepalive failure Hello is repeated.
	 */
	void repeatHelloAfter(Duration delay) {
		this.repeatHelloAfter = delay;
	}

	/**
	 * Reopens the stream when the connection under it is going away. An orchestrator that is
	 * asked to stop sends GOAWAY and stops accepting connections but keeps existing streams
	 * open while it waits for them to end (seen with the real server: it waited until it was
	 * killed), so the stream itself would say nothing. The channel leaving READY is the sign.
	 */
	private void watchConnection(ShepherdStream watched) {
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

	private void goingAway(ShepherdStream watched, ConnectivityState state) {
		synchronized (this.lock) {
			if (this.connection != watched || watched.ended || watched.halfClosed || this.state == State.STOPPED) {
				return;
			}
			// A half-close, not a cancel: what gRPC still buffers reaches the server, which then
			// ends the stream and so proves it read everything.
			watched.halfClose();
		}
		logger.info("The connection to the Azolla orchestrator at " + this.endpoint + " is going away (" + state
				+ "); closing the shepherd stream and reopening it");
		try {
			this.scheduler.schedule(() -> cancelIfOpen(watched), GOING_AWAY_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped meanwhile.
		}
	}

	private void cancelIfOpen(ShepherdStream closing) {
		synchronized (this.lock) {
			if (closing.ended) {
				return;
			}
		}
		closing.cancel("The orchestrator did not end the stream within " + GOING_AWAY_LIMIT.toSeconds() + " s");
	}

	private void lost(ShepherdStream lost, Throwable error) {
		Duration delay;
		boolean wasRegistered;
		int failed;
		List<String> inDoubt = List.of();
		String reason = (error != null) ? describe(error) : "the orchestrator ended the stream";
		synchronized (this.lock) {
			if (lost.ended || this.connection != lost) {
				lost.ended = true;
				this.lock.notifyAll();
				return;
			}
			long now = System.nanoTime();
			lost.ended = true;
			this.connection = null;
			wasRegistered = lost.registered;
			if (wasRegistered) {
				if (error == null && lost.halfClosed) {
					this.outbox.confirmed();
				}
				else {
					inDoubt = this.outbox.streamLost(now);
				}
				if (isKeepaliveFailure(error)) {
					this.repeatHello = true;
				}
			}
			this.stats.recordResults(this.outbox.resent(), this.outbox.inDoubt());
			this.stats.recordDisconnected(reason, error != null);
			this.lock.notifyAll();
			if (this.state == State.STOPPED) {
				return;
			}
			if (wasRegistered && now - lost.registeredAt >= HEALTHY_AFTER.toNanos()) {
				// The link worked: come back at once, and start the backoff again from the top.
				this.backoff.reset();
				this.failures = 0;
				delay = Duration.ofNanos((long) (ThreadLocalRandom.current().nextDouble() * QUICK_RECONNECT.toNanos()));
			}
			else {
				this.failures++;
				delay = this.backoff.next();
			}
			failed = this.failures;
		}
		if (!inDoubt.isEmpty()) {
			logger.warn(inDoubt.size() + " error result(s) were sent just before the stream broke and may be lost; "
					+ "they are not sent again, as a repeated error can make the orchestrator retry a task twice: "
					+ inDoubt);
		}
		logLoss(reason, wasRegistered, failed, delay);
		scheduleConnect(delay);
	}

	private static boolean isKeepaliveFailure(Throwable error) {
		String description = (error != null) ? io.grpc.Status.fromThrowable(error).getDescription() : null;
		return description != null && description.toLowerCase(java.util.Locale.ROOT).contains("keepalive");
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

	private void received(ShepherdStream from, ServerMsg message) {
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
			logger.warn("Ignoring a Task whose id is not a uuid");
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Received task '" + task.getName() + "' (" + taskId + ")");
		}
		this.lastTaskReceived = System.nanoTime();
		synchronized (this.lock) {
			// Under the lock so that a result reaching the outbox in between cannot let the
			// duplicate of a just-finished task through.
			if (this.outbox.isPending(taskId) || this.engine.contains(taskId)) {
				logger.warn("Ignoring a duplicate Task " + taskId + ": it is still queued, running or awaiting delivery");
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
				logger.warn("Ignoring a duplicate Task " + taskId);
			}
		}
	}

	private void deliver(TaskResult result) {
		synchronized (this.lock) {
			if (!this.outbox.add(result)) {
				logger.warn("A second result for task " + result.getTaskId() + " was discarded");
				return;
			}
			ShepherdStream current = this.connection;
			if (current != null && current.writable()) {
				flushLocked(current);
			}
			else if (current == null && this.state == State.STOPPING && !this.connectScheduled) {
				scheduleConnect(Duration.ZERO);
			}
		}
	}

	private void flushLocked(ShepherdStream target) {
		int written = this.outbox.flush(
				(result) -> target.send(ClientMsg.newBuilder().setTaskResult(result).build()), System.nanoTime());
		if (written > 0 && logger.isDebugEnabled()) {
			logger.debug("Sent " + written + " result(s) on " + target.uuid);
		}
		this.lock.notifyAll();
	}

	private void sendStatus(boolean always) {
		synchronized (this.lock) {
			ShepherdStream current = this.connection;
			if (current != null && current.writable()) {
				sendStatusLocked(current, always);
			}
		}
	}

	private void sendStatusLocked(ShepherdStream target, boolean always) {
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
	 * Routes the events of this worker's streams.
	 */
	private final class StreamEvents implements ShepherdStream.Events {

		@Override
		public void opened(ShepherdStream stream) {
			ShepherdWorker.this.opened(stream);
		}

		@Override
		public void received(ShepherdStream stream, ServerMsg message) {
			ShepherdWorker.this.received(stream, message);
		}

		@Override
		public void ended(ShepherdStream stream, Throwable error) {
			lost(stream, error);
		}

	}

}
