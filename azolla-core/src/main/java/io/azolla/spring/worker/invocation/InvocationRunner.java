package io.azolla.spring.worker.invocation;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.azolla.proto.common.TaskResult;
import io.azolla.proto.shepherd.ReportResultRequest;
import io.azolla.proto.shepherd.ReportResultResponse;
import io.azolla.proto.shepherd.WorkerGrpc;
import io.azolla.spring.retry.TransportRetry;
import io.azolla.spring.task.TaskException;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.worker.ObservedTaskAttempt;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.TimeLimiter;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the single task a shepherd started this process for, reports its result to the
 * shepherd's {@code Worker} service exactly once, and tells the caller which exit code to use.
 * <p>
 * Exit codes: {@value #SUCCESS} when the task succeeded, {@value #TASK_FAILED} when it failed
 * (the failure was reported), {@value #INVALID_INVOCATION} when the command line could not be
 * understood (a {@code ValidationError} is still reported when the task id and endpoint are
 * known), {@value #REPORT_FAILED} when the shepherd could not be told.
 * <p>
 * <b>Time limit.</b> The Rust shepherd kills a worker process {@code worker_timeout_secs}
 * (300 s by default) after spawning it and reports nothing for it, so the task would hang. The
 * task's own limit therefore counts from the JVM's start, not from the task's, and is cut to
 * end a margin before the shepherd's limit ({@link #processLimit(Duration)}: 285 s for the
 * default). The shepherd passes no flag for its limit, but a worker process inherits its
 * environment, so a limit set as {@value #SHEPHERD_TIMEOUT_VARIABLE} (seconds) is followed
 * ({@link #shepherdTimeout(Function)}); a limit set in the shepherd's configuration file cannot
 * be seen from here and must be given to the runner (the starter's
 * {@code azolla.worker.shepherd-timeout}).
 */
public final class InvocationRunner {

	/** The task succeeded and its result was reported. */
	public static final int SUCCESS = 0;

	/** The task failed and its error was reported. */
	public static final int TASK_FAILED = 1;

	/** The command line was not a valid invocation. */
	public static final int INVALID_INVOCATION = 2;

	/** The result could not be delivered to the shepherd. */
	public static final int REPORT_FAILED = 3;

	private static final Log logger = LogFactory.getLog(InvocationRunner.class);

	private static final Duration REPORT_DEADLINE = Duration.ofSeconds(30);

	/** The largest margin kept for reporting before the shepherd's limit; before its first use. */
	private static final Duration REPORT_MARGIN = Duration.ofSeconds(15);

	/** The Rust shepherd's default {@code worker_timeout_secs}. */
	public static final Duration SHEPHERD_TIMEOUT = Duration.ofSeconds(300);

	/**
	 * The environment variable through which the Rust shepherd takes its worker timeout, in
	 * whole seconds; its worker processes inherit it.
	 */
	public static final String SHEPHERD_TIMEOUT_VARIABLE = "AZOLLA_WORKER_TIMEOUT";

	/**
	 * How long after the JVM's start a task must have its result under the shepherd's default
	 * worker timeout: 300 s less 15 s for reporting.
	 */
	public static final Duration PROCESS_LIMIT = processLimit(SHEPHERD_TIMEOUT);

	private final Duration processLimit;

	private final LongSupplier uptimeNanos;

	private final TaskInvoker invoker;

	private final ObjectMapper mapper;

	private final Function<String, Duration> timeouts;

	private final Function<URI, ManagedChannel> channels;

	private final TransportRetry reportRetry;

	private final PrintStream errors;

	private final List<TaskExecutionListener> listeners;

	/**
	 * Creates a runner.
	 * @param invoker executes the task
	 * @param mapper checks the JSON arguments
	 * @param timeouts the execution limit of each task name
	 * @param channels opens a channel to the shepherd endpoint
	 * @param reportRetry how a refused connection to the shepherd is retried
	 * @param errors where invocation problems are printed
	 */
	public InvocationRunner(TaskInvoker invoker, ObjectMapper mapper, Function<String, Duration> timeouts,
			Function<URI, ManagedChannel> channels, TransportRetry reportRetry, PrintStream errors) {
		this(invoker, mapper, timeouts, channels, reportRetry, errors, List.of());
	}

	/**
	 * Creates a runner that reports its execution to listeners, as an engine would.
	 * @param invoker executes the task
	 * @param mapper checks the JSON arguments
	 * @param timeouts the execution limit of each task name
	 * @param channels opens a channel to the shepherd endpoint
	 * @param reportRetry how a refused connection to the shepherd is retried
	 * @param errors where invocation problems are printed
	 * @param listeners told about the execution
	 */
	public InvocationRunner(TaskInvoker invoker, ObjectMapper mapper, Function<String, Duration> timeouts,
			Function<URI, ManagedChannel> channels, TransportRetry reportRetry, PrintStream errors,
			List<TaskExecutionListener> listeners) {
		this(invoker, mapper, timeouts, channels, reportRetry, errors, listeners, shepherdTimeout(System::getenv));
	}

	/**
	 * Creates a runner for a shepherd with the given worker timeout.
	 * @param invoker executes the task
	 * @param mapper checks the JSON arguments
	 * @param timeouts the execution limit of each task name
	 * @param channels opens a channel to the shepherd endpoint
	 * @param reportRetry how a refused connection to the shepherd is retried
	 * @param errors where invocation problems are printed
	 * @param listeners told about the execution
	 * @param shepherdTimeout how long the shepherd lets this process run, counted from its
	 * start; see {@link #processLimit(Duration)}
	 */
	public InvocationRunner(TaskInvoker invoker, ObjectMapper mapper, Function<String, Duration> timeouts,
			Function<URI, ManagedChannel> channels, TransportRetry reportRetry, PrintStream errors,
			List<TaskExecutionListener> listeners, Duration shepherdTimeout) {
		this(invoker, mapper, timeouts, channels, reportRetry, errors, listeners, processLimit(shepherdTimeout),
				() -> TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime()));
	}

	InvocationRunner(TaskInvoker invoker, ObjectMapper mapper, Function<String, Duration> timeouts,
			Function<URI, ManagedChannel> channels, TransportRetry reportRetry, PrintStream errors,
			List<TaskExecutionListener> listeners, Duration processLimit, LongSupplier uptimeNanos) {
		this.processLimit = processLimit;
		this.uptimeNanos = uptimeNanos;
		this.listeners = List.copyOf(listeners);
		this.invoker = invoker;
		this.mapper = mapper;
		this.timeouts = timeouts;
		this.channels = channels;
		this.reportRetry = reportRetry;
		this.errors = errors;
	}

	/**
	 * Runs the invocation described by a command line.
	 * @param argv the command line
	 * @return the exit code
	 */
	public int run(String[] argv) {
		InvocationRequest request;
		try {
			request = InvocationRequest.parse(argv, this.mapper);
		}
		catch (InvalidInvocationException ex) {
			this.errors.println(ex.getMessage());
			if (ex.getTaskId() != null && ex.getShepherdEndpoint() != null) {
				TaskResult invalid = this.invoker.outcomes()
					.failure(ex.getTaskId(), new TaskException(ex.getMessage()).type("ValidationError")
						.code("VALIDATION_ERROR")
						.retryable(false));
				report(ex.getShepherdEndpoint(), ex.getTaskId(), invalid);
			}
			return INVALID_INVOCATION;
		}
		TaskResult result = execute(request);
		if (!report(request.shepherdEndpoint(), request.taskId(), result)) {
			return REPORT_FAILED;
		}
		return result.hasSuccess() ? SUCCESS : TASK_FAILED;
	}

	private TaskResult execute(InvocationRequest request) {
		try (TimeLimiter limiter = new TimeLimiter()) {
			return new ObservedTaskAttempt(limiter.around(this.invoker, this::limitFor, this.listeners),
					this.invoker.registry(), this.listeners, () -> 0)
				.run(request.taskId(), request.taskName(), request.argsJson(), request.kwargsJson());
		}
	}

	/**
	 * Returns how long after the JVM's start a task must have its result when the shepherd
	 * kills the process after {@code shepherdTimeout}: that timeout less a margin for reporting
	 * of a tenth of it, at most 15 s (285 s for 300 s, 54 s for 60 s).
	 * @param shepherdTimeout the shepherd's worker timeout, positive
	 * @return the limit counted from the JVM's start
	 */
	public static Duration processLimit(Duration shepherdTimeout) {
		if (shepherdTimeout == null || shepherdTimeout.isNegative() || shepherdTimeout.isZero()) {
			throw new IllegalArgumentException("The shepherd's worker timeout must be positive, not " + shepherdTimeout);
		}
		Duration tenth = shepherdTimeout.dividedBy(10);
		return shepherdTimeout.minus((tenth.compareTo(REPORT_MARGIN) < 0) ? tenth : REPORT_MARGIN);
	}

	/**
	 * Returns the shepherd's worker timeout as its worker process sees it: the whole seconds of
	 * {@value #SHEPHERD_TIMEOUT_VARIABLE} when the shepherd was given that variable, else its
	 * default of 300 s. The shepherd ignores a value that is not a number; this method also
	 * ignores zero, with which the shepherd kills every worker at once.
	 * @param environment reads an environment variable, normally {@code System::getenv}
	 * @return the shepherd's worker timeout
	 */
	public static Duration shepherdTimeout(Function<String, ? extends @Nullable String> environment) {
		String value = environment.apply(SHEPHERD_TIMEOUT_VARIABLE);
		if (value != null && value.matches("\\+?[0-9]{1,18}")) {
			long seconds = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
			if (seconds > 0) {
				return Duration.ofSeconds(seconds);
			}
		}
		return SHEPHERD_TIMEOUT;
	}

	/**
	 * The task's own limit, cut so that it ends at the process limit, counted from the JVM's
	 * start.
	 */
	Duration limitFor(String taskName) {
		Duration left = this.processLimit.minusNanos(this.uptimeNanos.getAsLong());
		if (left.toMillis() < 1) {
			left = Duration.ofMillis(1);
		}
		Duration own = this.timeouts.apply(taskName);
		return (own == null || own.compareTo(left) > 0) ? left : own;
	}

	private boolean report(URI endpoint, String taskId, TaskResult result) {
		// Only a refused connection is retried: a duplicate report would be forwarded to the
		// orchestrator and could reopen a finished task.
		ReportResultRequest request = ReportResultRequest.newBuilder().setTaskId(taskId).setResult(result).build();
		ManagedChannel channel = this.channels.apply(endpoint);
		try {
			ReportResultResponse response = this.reportRetry.execute(() -> WorkerGrpc.newBlockingStub(channel)
				.withDeadlineAfter(REPORT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
				.reportResult(request), TransportRetry::neverReachedServer);
			if (!response.getSuccess()) {
				this.errors.println("The shepherd did not accept the result of task " + taskId + ": " + response.getMessage());
				return false;
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Reported the result of task " + taskId + " to " + endpoint);
			}
			return true;
		}
		catch (StatusRuntimeException ex) {
			Throwable cause = ex.getStatus().getCause();
			this.errors.println("Could not report the result of task " + taskId + " to " + endpoint + ": "
					+ ex.getStatus().getCode() + " " + ex.getStatus().getDescription()
					+ ((cause != null) ? " (" + cause.getMessage() + ")" : ""));
			return false;
		}
		finally {
			channel.shutdownNow();
		}
	}

}
