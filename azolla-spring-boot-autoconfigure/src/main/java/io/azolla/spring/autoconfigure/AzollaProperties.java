package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.retry.BackoffStrategy;
import io.azolla.spring.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Azolla.
 */
@ConfigurationProperties("azolla")
public class AzollaProperties {

	private final Client client = new Client();

	private final Retry retry = new Retry();

	/**
	 * Per-task settings, keyed by task name, merged over the global ones.
	 */
	private final Map<String, TaskSettings> tasks = new LinkedHashMap<>();

	private final Worker worker = new Worker();

	private final Embedded embedded = new Embedded();

	public Client getClient() {
		return this.client;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Map<String, TaskSettings> getTasks() {
		return this.tasks;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public static class Client {

		/**
		 * Whether to auto-configure the Azolla client.
		 */
		private boolean enabled = true;

		/**
		 * Address of the orchestrator; http:// means plaintext, https:// means TLS.
		 */
		private String endpoint = "http://localhost:52710";

		/**
		 * Domain in which tasks are created and awaited.
		 */
		private String domain = "default";

		/**
		 * Deadline of each call to the orchestrator; a wait gets its wait time on top.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * How long TaskHandle.await() without an argument waits for a result.
		 */
		private Duration waitTimeout = Duration.ofSeconds(30);

		/**
		 * Largest request or response message exchanged with the orchestrator.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(4);

		private final Ssl ssl = new Ssl();

		private final TransportRetry transportRetry = new TransportRetry();

		private final Wait wait = new Wait();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public String getDomain() {
			return this.domain;
		}

		public void setDomain(String domain) {
			this.domain = domain;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public TransportRetry getTransportRetry() {
			return this.transportRetry;
		}

		public Wait getWait() {
			return this.wait;
		}

	}

	public static class Wait {

		/**
		 * Delay from the start of a wait to its first probe, a WaitForTask call answered at once.
		 */
		private Duration firstProbe = Duration.ofMillis(2);

		/**
		 * Growth factor of the gap between one probe and the next.
		 */
		private double probeGrowth = 1.5;

		/**
		 * How long a wait probes before it switches to the orchestrator's long poll.
		 */
		private Duration probePhase = Duration.ofMillis(100);

		/**
		 * Most probes per second the client sends over all its waits; 0 turns probes off.
		 */
		private int maxProbeRate = 1000;

		/**
		 * Most unfinished waits of the client, the new one included, for a new wait to begin
		 * with probes; with more, tasks are likely queued and it long-polls at once.
		 */
		private int maxOpenWaits = 64;

		/**
		 * Whether a task name whose last probing waits all outlived the probe phase long-polls
		 * from the start, one wait in eight still probing to notice when it becomes quick.
		 */
		private boolean rememberLongTasks = true;

		public Duration getFirstProbe() {
			return this.firstProbe;
		}

		public void setFirstProbe(Duration firstProbe) {
			this.firstProbe = firstProbe;
		}

		public double getProbeGrowth() {
			return this.probeGrowth;
		}

		public void setProbeGrowth(double probeGrowth) {
			this.probeGrowth = probeGrowth;
		}

		public Duration getProbePhase() {
			return this.probePhase;
		}

		public void setProbePhase(Duration probePhase) {
			this.probePhase = probePhase;
		}

		public int getMaxProbeRate() {
			return this.maxProbeRate;
		}

		public void setMaxProbeRate(int maxProbeRate) {
			this.maxProbeRate = maxProbeRate;
		}

		public int getMaxOpenWaits() {
			return this.maxOpenWaits;
		}

		public void setMaxOpenWaits(int maxOpenWaits) {
			this.maxOpenWaits = maxOpenWaits;
		}

		public boolean isRememberLongTasks() {
			return this.rememberLongTasks;
		}

		public void setRememberLongTasks(boolean rememberLongTasks) {
			this.rememberLongTasks = rememberLongTasks;
		}

	}

	public static class Ssl {

		/**
		 * Whether to use TLS even when the endpoint starts with http://.
		 */
		private boolean enabled;

		/**
		 * Name of the SSL bundle holding the trust material and, for mTLS, the client key.
		 */
		private @Nullable String bundle;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	public static class TransportRetry {

		/**
		 * Total attempts of a call that failed to reach the orchestrator, the first included.
		 */
		private int maxAttempts = 5;

		/**
		 * Wait after the first failed attempt.
		 */
		private Duration initialInterval = Duration.ofMillis(200);

		/**
		 * Growth factor of the wait after each further failed attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(2);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * The default task retry policy, sent with every submission that sets none.
	 */
	public static class Retry {

		/**
		 * Total attempts of a task, the first included.
		 */
		private int maxAttempts = 5;

		/**
		 * Time since task creation after which a failure is final; unset means no time limit.
		 */
		private @Nullable Duration maxElapsed;

		private final Backoff backoff = new Backoff();

		/**
		 * Error types that are retried; TaskError stands for any type.
		 */
		private List<String> includeErrors = new ArrayList<>(List.of(RetryPolicy.ANY_ERROR));

		/**
		 * Error types that are never retried, whatever the include list says.
		 */
		private List<String> excludeErrors = new ArrayList<>(RetryPolicy.NON_RETRYABLE_ERROR_TYPES);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getMaxElapsed() {
			return this.maxElapsed;
		}

		public void setMaxElapsed(@Nullable Duration maxElapsed) {
			this.maxElapsed = maxElapsed;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

		public List<String> getIncludeErrors() {
			return this.includeErrors;
		}

		public void setIncludeErrors(List<String> includeErrors) {
			this.includeErrors = includeErrors;
		}

		public List<String> getExcludeErrors() {
			return this.excludeErrors;
		}

		public void setExcludeErrors(List<String> excludeErrors) {
			this.excludeErrors = excludeErrors;
		}

	}

	public static class Backoff {

		/**
		 * How the wait between attempts is computed.
		 */
		private BackoffStrategy strategy = BackoffStrategy.EXPONENTIAL_JITTER;

		/**
		 * Base wait of the exponential strategies; the first retry waits this times the multiplier.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Growth factor of the exponential strategies, at least 1.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait of the exponential strategies.
		 */
		private Duration maxDelay = Duration.ofMinutes(5);

		/**
		 * Wait of the fixed strategy.
		 */
		private Duration delay = Duration.ofSeconds(1);

		public BackoffStrategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(BackoffStrategy strategy) {
			this.strategy = strategy;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

	}

	/**
	 * Settings of one task; unset values fall back to the global ones.
	 */
	public static class TaskSettings {

		private final TaskRetry retry = new TaskRetry();

		/**
		 * Shepherd group the task is sent to when a submission names none.
		 */
		private @Nullable String shepherdGroup;

		/**
		 * Longest execution of the task on this application's worker.
		 */
		private @Nullable Duration timeout;

		/**
		 * Kind of worker that executes the task (java, rust or python); decides whether
		 * positional and named arguments may be sent together.
		 */
		private @Nullable WorkerRuntime workerRuntime;

		public TaskRetry getRetry() {
			return this.retry;
		}

		public @Nullable String getShepherdGroup() {
			return this.shepherdGroup;
		}

		public void setShepherdGroup(@Nullable String shepherdGroup) {
			this.shepherdGroup = shepherdGroup;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable WorkerRuntime getWorkerRuntime() {
			return this.workerRuntime;
		}

		public void setWorkerRuntime(@Nullable WorkerRuntime workerRuntime) {
			this.workerRuntime = workerRuntime;
		}

	}

	/**
	 * Retry overrides of one task, with the keys of {@link Retry}. Every value starts unset and
	 * an unset value keeps the global one; a list that is set replaces the global list.
	 */
	public static class TaskRetry {

		/**
		 * Total attempts of the task, the first included.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Time since task creation after which a failure of the task is final.
		 */
		private @Nullable Duration maxElapsed;

		private final TaskBackoff backoff = new TaskBackoff();

		/**
		 * Error types that are retried; TaskError stands for any type.
		 */
		private @Nullable List<String> includeErrors;

		/**
		 * Error types that are never retried, whatever the include list says.
		 */
		private @Nullable List<String> excludeErrors;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getMaxElapsed() {
			return this.maxElapsed;
		}

		public void setMaxElapsed(@Nullable Duration maxElapsed) {
			this.maxElapsed = maxElapsed;
		}

		public TaskBackoff getBackoff() {
			return this.backoff;
		}

		public @Nullable List<String> getIncludeErrors() {
			return this.includeErrors;
		}

		public void setIncludeErrors(@Nullable List<String> includeErrors) {
			this.includeErrors = includeErrors;
		}

		public @Nullable List<String> getExcludeErrors() {
			return this.excludeErrors;
		}

		public void setExcludeErrors(@Nullable List<String> excludeErrors) {
			this.excludeErrors = excludeErrors;
		}

	}

	/**
	 * Backoff overrides of one task, with the keys of {@link Backoff}. Every value starts unset
	 * and an unset value keeps the global one.
	 */
	public static class TaskBackoff {

		/**
		 * How the wait between attempts is computed.
		 */
		private @Nullable BackoffStrategy strategy;

		/**
		 * Base wait of the exponential strategies.
		 */
		private @Nullable Duration initialDelay;

		/**
		 * Growth factor of the exponential strategies, at least 1.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest wait of the exponential strategies.
		 */
		private @Nullable Duration maxDelay;

		/**
		 * Wait of the fixed strategy.
		 */
		private @Nullable Duration delay;

		public @Nullable BackoffStrategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(@Nullable BackoffStrategy strategy) {
			this.strategy = strategy;
		}

		public @Nullable Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(@Nullable Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public @Nullable Duration getDelay() {
			return this.delay;
		}

		public void setDelay(@Nullable Duration delay) {
			this.delay = delay;
		}

	}

	public static class Worker {

		/**
		 * Whether this application executes the @AzollaTask methods it defines.
		 */
		private boolean enabled = true;

		/**
		 * How tasks reach this application; invocation is also chosen automatically when started with --task-id.
		 */
		private WorkerMode mode = WorkerMode.SHEPHERD;

		/**
		 * Domain the worker serves; defaults to the client's domain.
		 */
		private @Nullable String domain;

		/**
		 * Shepherd group the worker registers in.
		 */
		private String shepherdGroup = "default";

		/**
		 * Largest number of tasks executed at once.
		 */
		private int maxConcurrency = 16;

		/**
		 * Longest execution of a task that has no timeout of its own.
		 */
		private Duration taskTimeout = Duration.ofMinutes(5);

		/**
		 * Interval between two load reports when the load does not change.
		 */
		private Duration statusInterval = Duration.ofSeconds(5);

		/**
		 * Longest time stopping may take, delivering results included; keep it below
		 * spring.lifecycle.timeout-per-shutdown-phase.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(25);

		/**
		 * Longest wait of a queued task for an execution slot while at least one slot is held
		 * by a task stuck past its time limit; the task is then handed back with the retryable
		 * WorkerStuck error.
		 */
		private Duration queueTimeout = Duration.ofSeconds(60);

		/**
		 * In invocation mode, how long the Rust shepherd lets a worker process run before it
		 * kills it (its worker_timeout_secs); every task's limit ends a margin before it,
		 * counted from the JVM's start. Defaults to the shepherd's AZOLLA_WORKER_TIMEOUT when
		 * the process inherited it, else 300s.
		 */
		private @Nullable Duration shepherdTimeout;

		private final Reconnect reconnect = new Reconnect();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public WorkerMode getMode() {
			return this.mode;
		}

		public void setMode(WorkerMode mode) {
			this.mode = mode;
		}

		public @Nullable String getDomain() {
			return this.domain;
		}

		public void setDomain(@Nullable String domain) {
			this.domain = domain;
		}

		public String getShepherdGroup() {
			return this.shepherdGroup;
		}

		public void setShepherdGroup(String shepherdGroup) {
			this.shepherdGroup = shepherdGroup;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public Duration getTaskTimeout() {
			return this.taskTimeout;
		}

		public void setTaskTimeout(Duration taskTimeout) {
			this.taskTimeout = taskTimeout;
		}

		public Duration getStatusInterval() {
			return this.statusInterval;
		}

		public void setStatusInterval(Duration statusInterval) {
			this.statusInterval = statusInterval;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public @Nullable Duration getShepherdTimeout() {
			return this.shepherdTimeout;
		}

		public void setShepherdTimeout(@Nullable Duration shepherdTimeout) {
			this.shepherdTimeout = shepherdTimeout;
		}

		public Duration getQueueTimeout() {
			return this.queueTimeout;
		}

		public void setQueueTimeout(Duration queueTimeout) {
			this.queueTimeout = queueTimeout;
		}

		public Reconnect getReconnect() {
			return this.reconnect;
		}

	}

	public static class Reconnect {

		/**
		 * Wait before the first reconnection attempt.
		 */
		private Duration initial = Duration.ofMillis(500);

		/**
		 * Longest wait between two reconnection attempts.
		 */
		private Duration max = Duration.ofSeconds(30);

		/**
		 * Growth factor of the wait after each failed reconnection.
		 */
		private double multiplier = 2.0;

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

	}

	public static class Embedded {

		/**
		 * Whether the client runs tasks in this JVM instead of sending them to an orchestrator.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * How tasks reach this application's @AzollaTask methods.
	 */
	public enum WorkerMode {

		/** The application keeps a stream to the orchestrator open and runs tasks in-process. */
		SHEPHERD,

		/** The application is started by a Rust shepherd for one task and exits. */
		INVOCATION,

		/** The application executes no tasks. */
		NONE

	}

}
