package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.spring.retry.TransportRetry;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one {@code ClusterService.Stream} open, forever: opens it, registers with Hello once
 * the server's response headers arrive, hands received Tasks on, and opens the next stream
 * when one ends, paced by {@link Reconnects}.
 * <p>
 * Nothing is written until the response headers arrive (the orchestrator sends them at once),
 * so that Hello and results are never written into a call that has not reached a live server;
 * a stream without headers after {@link #OPEN_TIMEOUT} is cancelled and counts as a failed
 * attempt. Then Hello, exactly once, a Status right after it, then the waiting results.
 * <p>
 * <b>Shepherd uuid.</b> One random uuid for the worker's lifetime, reused on every stream, as
 * the Rust shepherd does: the orchestrator keeps one registry entry and writes one registration
 * event. The server marks a uuid disconnected when it tears down an old stream, even if a newer
 * stream registered it again meanwhile (protocol §5.2); after an ordinary break the server sees
 * the old stream end long before the new Hello arrives. After a keepalive failure (a half-open
 * link) it may not notice for up to 40 s (its keepalive is 30 s + 10 s), so the new stream
 * repeats its Hello {@link #REPEAT_HELLO_AFTER} after registering: by then the late teardown has
 * happened, and the repeated Hello reattaches the stream instead of leaving it silently without
 * tasks. Meanwhile the new Hello has already taken the entry over, so the server dispatches to
 * the new stream, not into the dead one.
 * <p>
 * Stream events arrive on gRPC's threads, attempts and timers run on the scheduler; see the
 * package documentation for the lock.
 */
final class StreamSession {

	/**
	 * How long a new stream may go without response headers before it is abandoned: it guards
	 * against connections that hang half-open, which would otherwise never register or fail.
	 */
	static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long after registering following a keepalive failure the Hello is repeated: longer
	 * than the orchestrator can take to tear the half-open stream down after this worker
	 * noticed it (40 s from the link's death less the 15 s this side took).
	 */
	static final Duration REPEAT_HELLO_AFTER = Duration.ofSeconds(35);

	private static final Log logger = LogFactory.getLog(StreamSession.class);

	private final ShepherdContext context;

	private final Channel channel;

	private final StatusReporter status;

	private final ResultDelivery results;

	private final TaskIntake intake;

	private final GoingAwayWatch goingAway;

	private final ShepherdStream.Events events = new Events();

	/** The uuid every stream registers under, see the class comment. */
	final String shepherdUuid = UUID.randomUUID().toString();

	/** Guarded by the lock. */
	private final Reconnects reconnects;

	/** Guarded by the lock: a stream was opened before. */
	private boolean attempted;

	/** Guarded by the lock: a connection attempt is scheduled and has not begun. */
	private boolean connectScheduled;

	/** Guarded by the lock: the last registered stream died of a keepalive failure. */
	private boolean repeatHello;

	private volatile Duration repeatHelloAfter = REPEAT_HELLO_AFTER;

	StreamSession(ShepherdContext context, Channel channel, StatusReporter status, ResultDelivery results,
			TaskIntake intake) {
		this.context = context;
		this.channel = channel;
		this.status = status;
		this.results = results;
		this.intake = intake;
		this.goingAway = new GoingAwayWatch(context, channel);
		this.reconnects = new Reconnects(context.settings, context.endpoint);
	}

	/** Opens a stream after a delay. */
	void connectAfter(Duration delay) {
		synchronized (this.context.lock) {
			this.connectScheduled = true;
		}
		this.context.schedule(this::connect, delay);
	}

	/** Opens a stream at once unless one is open or about to be; called with the lock held. */
	void connectIfIdle() {
		if (this.context.current() == null && !this.connectScheduled) {
			connectAfter(Duration.ZERO);
		}
	}

	/** Changes how long after a registration following a keepalive failure Hello is repeated. */
	void repeatHelloAfter(Duration delay) {
		this.repeatHelloAfter = delay;
	}

	private void connect() {
		ShepherdStream created;
		synchronized (this.context.lock) {
			this.connectScheduled = false;
			// A stopping worker only reconnects to deliver results; delivering asks again.
			ShepherdContext.Phase phase = this.context.phase();
			if (phase == ShepherdContext.Phase.STOPPED
					|| (phase == ShepherdContext.Phase.STOPPING && this.results.pending() == 0)) {
				return;
			}
			created = new ShepherdStream(this.shepherdUuid, this.events);
			this.context.current(created);
			this.context.stats.recordConnecting(this.context.endpoint, this.context.settings.domain(),
					this.context.settings.group(), created.uuid, this.attempted);
			this.attempted = true;
		}
		logger.debug("Opening the shepherd stream to " + this.context.endpoint + " as " + created.uuid);
		// Our own backoff paces reconnection; gRPC's would add up to minutes on top of it.
		TransportRetry.reconnectNow(this.channel);
		try {
			Channel observed = ClientInterceptors.intercept(this.channel, new HeadersInterceptor(created::opened));
			// Stream callbacks run on the transport thread instead of hopping to gRPC's executor:
			// each message only takes the lock briefly and hands tasks to the engine's executor,
			// so nothing here blocks, and one thread hand-off per task disappears.
			ClusterServiceGrpc.newStub(observed).withExecutor(Runnable::run).stream(created);
			boolean closedMeanwhile;
			synchronized (this.context.lock) {
				closedMeanwhile = created.ended;
			}
			if (closedMeanwhile) {
				// The worker stopped before the call existed and could not cancel it.
				created.cancel("Shepherd worker stopped");
				return;
			}
			// Not scheduled when stopped meanwhile: stopping cancels the stream.
			this.context.schedule(() -> abandonIfNotOpen(created), OPEN_TIMEOUT);
		}
		catch (RuntimeException ex) {
			// For example a channel that is already shut down: treated like any failed attempt.
			created.onError(ex);
		}
	}

	private void abandonIfNotOpen(ShepherdStream candidate) {
		synchronized (this.context.lock) {
			if (this.context.current() != candidate || candidate.registered || candidate.ended) {
				return;
			}
		}
		// The cancellation comes back as an error, which schedules the next attempt.
		candidate.cancel("No response headers within " + OPEN_TIMEOUT.toSeconds() + " s");
	}

	private void opened(ShepherdStream opened) {
		synchronized (this.context.lock) {
			if (this.context.current() != opened || opened.registered || opened.ended) {
				return;
			}
			if (!opened.send(hello(opened))) {
				return;
			}
			if (this.repeatHello) {
				this.repeatHello = false;
				this.context.schedule(() -> repeatHello(opened), this.repeatHelloAfter);
			}
			// The backoff is not reset here: only a stream that stays registered proves the
			// link works (a flapping one would otherwise reconnect in a tight loop).
			opened.registered = true;
			opened.registeredAt = System.nanoTime();
			this.context.stats.recordRegistered();
			this.status.sendLocked(opened, true);
			this.results.flushLocked(opened);
		}
		ShepherdSettings settings = this.context.settings;
		logger.info("Registered with the Azolla orchestrator at " + this.context.endpoint + " as shepherd "
				+ opened.uuid + " (domain '" + settings.domain() + "', group '" + settings.group()
				+ "', max concurrency " + settings.maxConcurrency() + ")");
		this.goingAway.watch(opened);
	}

	private ClientMsg hello(ShepherdStream stream) {
		ShepherdSettings settings = this.context.settings;
		return ClientMsg.newBuilder()
			.setHello(Hello.newBuilder()
				.setShepherdUuid(stream.uuid)
				.setMaxConcurrency(settings.maxConcurrency())
				.setDomain(settings.domain())
				.setShepherdGroup(settings.group()))
			.build();
	}

	private void repeatHello(ShepherdStream stream) {
		synchronized (this.context.lock) {
			if (this.context.current() == stream && stream.writable() && stream.send(hello(stream))) {
				// The server may take it as a new registration with no load: correct that.
				this.status.sendLocked(stream, true);
				logger.info("Repeated the Hello on shepherd stream " + stream.uuid + " after a keepalive failure");
			}
		}
	}

	private void ended(ShepherdStream lost, @Nullable Throwable error) {
		Reconnects.Next next;
		boolean wasRegistered;
		List<String> inDoubt;
		String reason = (error != null) ? describe(error) : "the orchestrator ended the stream";
		synchronized (this.context.lock) {
			if (lost.ended || this.context.current() != lost) {
				lost.ended = true;
				this.context.lock.notifyAll();
				return;
			}
			lost.ended = true;
			this.context.current(null);
			wasRegistered = lost.registered;
			inDoubt = this.results.streamEnded(lost, error);
			if (wasRegistered && isKeepaliveFailure(error)) {
				this.repeatHello = true;
			}
			this.context.stats.recordDisconnected(reason, error != null);
			this.context.lock.notifyAll();
			if (this.context.phase() == ShepherdContext.Phase.STOPPED) {
				return;
			}
			next = this.reconnects.afterLoss(lost, System.nanoTime());
		}
		if (!inDoubt.isEmpty()) {
			logger.warn(inDoubt.size() + " error result(s) were sent just before the stream broke and may be lost; "
					+ "they are not sent again, as a repeated error can make the orchestrator retry a task twice: "
					+ inDoubt);
		}
		this.reconnects.log(reason, wasRegistered, next);
		connectAfter(next.delay());
	}

	/**
	 * Lets go of the current stream for good, when the worker stops; called with the lock held.
	 * @return the stream to cancel once the lock is released, or {@code null}
	 */
	@Nullable ShepherdStream release() {
		ShepherdStream open = this.context.current();
		this.context.current(null);
		if (open != null) {
			open.ended = true;
		}
		return open;
	}

	private static boolean isKeepaliveFailure(@Nullable Throwable error) {
		String description = (error != null) ? io.grpc.Status.fromThrowable(error).getDescription() : null;
		return description != null && description.toLowerCase(Locale.ROOT).contains("keepalive");
	}

	private static String describe(Throwable error) {
		io.grpc.Status status = io.grpc.Status.fromThrowable(error);
		String description = status.getDescription();
		return status.getCode() + ((description != null) ? ": " + description : "");
	}

	/**
	 * Routes the events of this session's streams, on gRPC's threads.
	 */
	private final class Events implements ShepherdStream.Events {

		@Override
		public void opened(ShepherdStream stream) {
			StreamSession.this.opened(stream);
		}

		@Override
		public void received(ShepherdStream stream, ServerMsg message) {
			if (message.hasTask()) {
				StreamSession.this.intake.accept(message.getTask());
			}
			else if (!message.hasPing() && logger.isDebugEnabled()) {
				logger.debug("Ignoring a server message of kind " + message.getKindCase() + " on " + stream.uuid);
			}
		}

		@Override
		public void ended(ShepherdStream stream, @Nullable Throwable error) {
			StreamSession.this.ended(stream, error);
		}

	}

}
