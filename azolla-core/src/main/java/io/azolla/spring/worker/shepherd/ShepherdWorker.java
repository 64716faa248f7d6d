package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.AzollaThreads;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.WorkerStats;
import io.grpc.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Makes this application a shepherd: it keeps {@code ClusterService.Stream} open to the
 * orchestrator and runs the tasks it is sent in-process (protocol §5, checklist §5.10).
 * <p>
 * This class is the entry point and the lifecycle; the work is done by parts of one job each,
 * described in the package documentation together with the concurrency rules they share:
 * the stream and its reconnection ({@link StreamSession}), incoming Tasks
 * ({@link TaskIntake}), results ({@link ResultDelivery}), load reports
 * ({@link StatusReporter}) and the graceful stop ({@link ShepherdDrain}).
 * <p>
 * {@link #start()} never fails because the orchestrator is unreachable: {@link WorkerStats}
 * shows {@code DISCONNECTED} with the last error while attempts go on in the background, and
 * a non-daemon thread keeps a worker-only JVM alive until the worker stops. An application
 * without registered tasks does not connect at all. Stopping fits in
 * {@link ShepherdSettings#shutdownTimeout()}, so keep
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default) above it. The worker
 * cannot be started again after it stopped.
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

	private static final Log logger = LogFactory.getLog(ShepherdWorker.class);

	private final ShepherdContext context;

	private final StatusReporter status;

	private final ResultDelivery results;

	private final StreamSession session;

	private final ShepherdDrain drain;

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
		this(channel, settings, new TaskExecutionEngine(invoker, settings.maxConcurrency(),
				new TaskTimeouts(invoker.registry(), settings.taskTimeouts(), settings.taskTimeout())::forTask,
				taskExecutor), stats);
	}

	/**
	 * Creates a worker over an execution engine that is used by this worker only.
	 * @param channel the channel to the orchestrator; owned by the caller
	 * @param settings the worker settings
	 * @param engine the engine, whose concurrency must equal the settings'
	 * @param stats where figures are recorded
	 */
	public ShepherdWorker(Channel channel, ShepherdSettings settings, TaskExecutionEngine engine, WorkerStats stats) {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(engine, "engine");
		Objects.requireNonNull(stats, "stats");
		if (engine.maxConcurrency() != settings.maxConcurrency()) {
			throw new IllegalArgumentException("The engine runs " + engine.maxConcurrency()
					+ " tasks at once but the settings announce " + settings.maxConcurrency());
		}
		this.context = new ShepherdContext(settings, engine, stats, channel.authority());
		this.status = new StatusReporter(this.context);
		this.results = new ResultDelivery(this.context, this::streamNeeded);
		TaskIntake intake = new TaskIntake(this.context, this.results);
		this.session = new StreamSession(this.context, channel, this.status, this.results, intake);
		this.drain = new ShepherdDrain(this.context, this.status, this.results, intake, this.session);
		engine.addListener(stats.executionListener(settings.maxConcurrency()));
		engine.addListener(new TaskExecutionListener() {

			@Override
			public void loadChanged(int running, int queued) {
				ShepherdWorker.this.status.loadChanged();
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
		synchronized (this.context.lock) {
			ShepherdContext.Phase phase = this.context.phase();
			if (phase == ShepherdContext.Phase.RUNNING) {
				return;
			}
			if (phase != ShepherdContext.Phase.NEW) {
				throw new IllegalStateException("A shepherd worker cannot be started again after it stopped");
			}
			this.context.phase(ShepherdContext.Phase.RUNNING);
		}
		if (!this.context.engine.hasTasks()) {
			// An application that only submits tasks must not register as a shepherd: the
			// orchestrator would send it tasks it can only answer with TaskNotFound.
			logger.info("No Azolla tasks are registered; the shepherd worker does not connect");
			return;
		}
		keepJvmAlive();
		this.status.startPeriodic();
		this.session.connectAfter(Duration.ZERO);
	}

	/**
	 * Stops and waits for it, see {@link #stop(Runnable)}.
	 */
	@Override
	public void stop() {
		if (beginStop()) {
			this.drain.drain();
		}
	}

	/**
	 * Stops in the background: reports zero capacity, finishes or interrupts running tasks,
	 * answers queued ones, delivers the results and closes the stream (see
	 * {@link ShepherdDrain}), then runs the callback.
	 * @param callback told when the worker has stopped
	 */
	@Override
	public void stop(Runnable callback) {
		if (!beginStop()) {
			callback.run();
			return;
		}
		AzollaThreads.start("azolla-shepherd-stop", false, () -> {
			try {
				this.drain.drain();
			}
			finally {
				callback.run();
			}
		});
	}

	@Override
	public boolean isRunning() {
		synchronized (this.context.lock) {
			ShepherdContext.Phase phase = this.context.phase();
			return phase == ShepherdContext.Phase.RUNNING || phase == ShepherdContext.Phase.STOPPING;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns the settings this worker runs with.
	 * @return the settings
	 */
	public ShepherdSettings settings() {
		return this.context.settings;
	}

	/**
	 * Returns the figures this worker records.
	 * @return the statistics
	 */
	public WorkerStats stats() {
		return this.context.stats;
	}

	/**
	 * Returns the number of results not yet written on a registered stream.
	 * @return the outbox size
	 */
	public int undeliveredResults() {
		synchronized (this.context.lock) {
			return this.results.pending();
		}
	}

	/**
	 * Changes how long after a registration following a keepalive failure Hello is repeated.
	 */
	void repeatHelloAfter(Duration delay) {
		this.session.repeatHelloAfter(delay);
	}

	private boolean beginStop() {
		synchronized (this.context.lock) {
			if (this.context.phase() != ShepherdContext.Phase.RUNNING) {
				return false;
			}
			this.context.phase(ShepherdContext.Phase.STOPPING);
		}
		return true;
	}

	/** A stopping worker has results but no stream; called with the lock held. */
	private void streamNeeded() {
		this.session.connectIfIdle();
	}

	/**
	 * Holds a non-daemon thread while the worker runs. gRPC's and our own threads are daemons,
	 * so a worker-only application without a web server would otherwise exit right after
	 * start-up.
	 */
	private void keepJvmAlive() {
		AzollaThreads.start("azolla-shepherd-keep-alive", false, () -> {
			try {
				this.drain.awaitStopped();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

}
