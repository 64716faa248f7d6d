package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ShepherdWorker} needs to know, independent of how it is configured. The
 * settings are checked here, once, for every way of creating them; a bad value is reported
 * with an {@link InvalidSettingException} that names the {@code azolla.*} property it is set
 * with in the Spring Boot starter.
 *
 * @param domain the domain served; must be the clients' domain string exactly
 * @param group the shepherd group registered in; {@code ""} is a group of its own
 * @param maxConcurrency the largest number of tasks executing at once, at least 1
 * @param statusInterval the longest time between two load reports, at most
 * {@link #MAX_STATUS_INTERVAL}, well under the orchestrator's 300 s silence limit
 * @param reconnectInitial the wait before the first reconnection, and after a clean close
 * @param reconnectMax the longest wait between two reconnections
 * @param reconnectMultiplier the growth of the wait after each failed attempt, at least 1
 * @param shutdownTimeout how long running tasks may take to finish on stop, and again how long
 * their results may take to be delivered
 * @param taskTimeout the time limit of tasks without one of their own, or {@code null} for none
 * @param taskTimeouts time limits per task name, taking precedence over the task's own limit
 * and {@code taskTimeout} (see {@link io.azolla.spring.worker.TaskTimeouts})
 */
public record ShepherdSettings(String domain, String group, int maxConcurrency, Duration statusInterval,
		Duration reconnectInitial, Duration reconnectMax, double reconnectMultiplier, Duration shutdownTimeout,
		@Nullable Duration taskTimeout, Map<String, Duration> taskTimeouts) {

	/**
	 * The longest status interval: the orchestrator stops dispatching to a shepherd that stayed
	 * silent for 300 s, without telling it.
	 */
	public static final Duration MAX_STATUS_INTERVAL = Duration.ofSeconds(60);

	/**
	 * Validates the settings.
	 * @param domain the domain served
	 * @param group the shepherd group
	 * @param maxConcurrency the concurrency limit
	 * @param statusInterval the status interval
	 * @param reconnectInitial the first reconnection wait
	 * @param reconnectMax the longest reconnection wait
	 * @param reconnectMultiplier the reconnection wait growth
	 * @param shutdownTimeout the stop limit
	 * @param taskTimeout the default task limit, or {@code null}
	 * @param taskTimeouts the limits per task name, or {@code null} for none
	 * @throws InvalidSettingException when a value is not allowed
	 */
	public ShepherdSettings {
		if (domain == null) {
			throw new InvalidSettingException("azolla.worker.domain", null, "must be set");
		}
		if (group == null) {
			throw new InvalidSettingException("azolla.worker.shepherd-group", null, "must be set");
		}
		if (maxConcurrency < 1) {
			throw new InvalidSettingException("azolla.worker.max-concurrency", maxConcurrency, "must be at least 1");
		}
		requirePositive("azolla.worker.status-interval", statusInterval);
		if (statusInterval.compareTo(MAX_STATUS_INTERVAL) > 0) {
			throw new InvalidSettingException("azolla.worker.status-interval", statusInterval,
					"must be at most " + MAX_STATUS_INTERVAL.toSeconds() + " s so the orchestrator keeps the worker");
		}
		requirePositive("azolla.worker.reconnect.initial", reconnectInitial);
		requirePositive("azolla.worker.reconnect.max", reconnectMax);
		if (reconnectMax.compareTo(reconnectInitial) < 0) {
			throw new InvalidSettingException("azolla.worker.reconnect.max", reconnectMax,
					"must not be below azolla.worker.reconnect.initial");
		}
		if (!(reconnectMultiplier >= 1.0) || Double.isInfinite(reconnectMultiplier)) {
			throw new InvalidSettingException("azolla.worker.reconnect.multiplier", reconnectMultiplier,
					"must be a finite number of at least 1");
		}
		requirePositive("azolla.worker.shutdown-timeout", shutdownTimeout);
		if (taskTimeout != null) {
			requirePositive("azolla.worker.task-timeout", taskTimeout);
		}
		taskTimeouts = (taskTimeouts != null) ? Map.copyOf(taskTimeouts) : Map.of();
		taskTimeouts.forEach((name, limit) -> requirePositive("azolla.tasks." + name + ".timeout", limit));
	}

	/**
	 * Returns a builder that starts from the starter's defaults, which are those of the
	 * {@code azolla.worker.*} properties: group {@code default}, 16 tasks at once, Status
	 * every 5 s, reconnection from 500 ms doubling up to 30 s, 25 s to stop, 5 min per task.
	 * @param domain the domain served
	 * @return a new builder
	 */
	public static Builder builder(String domain) {
		return new Builder(domain);
	}

	/**
	 * Returns a builder that starts from these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this.domain).group(this.group)
			.maxConcurrency(this.maxConcurrency)
			.statusInterval(this.statusInterval)
			.reconnect(this.reconnectInitial, this.reconnectMax, this.reconnectMultiplier)
			.shutdownTimeout(this.shutdownTimeout)
			.taskTimeout(this.taskTimeout)
			.taskTimeouts(this.taskTimeouts);
	}

	private static void requirePositive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(property, value, "must be a positive duration");
		}
	}

	/**
	 * Builds {@link ShepherdSettings}; the values are checked by {@link #build()}.
	 */
	public static final class Builder {

		private String domain;

		private String group = "default";

		private int maxConcurrency = 16;

		private Duration statusInterval = Duration.ofSeconds(5);

		private Duration reconnectInitial = Duration.ofMillis(500);

		private Duration reconnectMax = Duration.ofSeconds(30);

		private double reconnectMultiplier = 2.0;

		private Duration shutdownTimeout = Duration.ofSeconds(25);

		private @Nullable Duration taskTimeout = Duration.ofMinutes(5);

		private final Map<String, Duration> taskTimeouts = new LinkedHashMap<>();

		private Builder(String domain) {
			this.domain = domain;
		}

		/**
		 * @param domain the domain served
		 * @return this builder
		 */
		public Builder domain(String domain) {
			this.domain = domain;
			return this;
		}

		/**
		 * @param group the shepherd group
		 * @return this builder
		 */
		public Builder group(String group) {
			this.group = group;
			return this;
		}

		/**
		 * @param maxConcurrency the largest number of tasks executing at once
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * @param statusInterval the longest time between two load reports
		 * @return this builder
		 */
		public Builder statusInterval(Duration statusInterval) {
			this.statusInterval = statusInterval;
			return this;
		}

		/**
		 * @param initial the first reconnection wait
		 * @param max the longest reconnection wait
		 * @param multiplier the growth of the wait after each failed attempt
		 * @return this builder
		 */
		public Builder reconnect(Duration initial, Duration max, double multiplier) {
			this.reconnectInitial = initial;
			this.reconnectMax = max;
			this.reconnectMultiplier = multiplier;
			return this;
		}

		/**
		 * @param shutdownTimeout how long stopping may take
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * @param taskTimeout the time limit of tasks without one of their own, or {@code null}
		 * for none
		 * @return this builder
		 */
		public Builder taskTimeout(@Nullable Duration taskTimeout) {
			this.taskTimeout = taskTimeout;
			return this;
		}

		/**
		 * @param taskTimeouts time limits per task name, replacing those set before
		 * @return this builder
		 */
		public Builder taskTimeouts(Map<String, Duration> taskTimeouts) {
			this.taskTimeouts.clear();
			this.taskTimeouts.putAll(taskTimeouts);
			return this;
		}

		/**
		 * Returns the settings.
		 * @return the settings
		 * @throws InvalidSettingException when a value is not allowed
		 */
		public ShepherdSettings build() {
			return new ShepherdSettings(this.domain, this.group, this.maxConcurrency, this.statusInterval,
					this.reconnectInitial, this.reconnectMax, this.reconnectMultiplier, this.shutdownTimeout,
					this.taskTimeout, this.taskTimeouts);
		}

	}

	/**
	 * A setting that is not allowed, named by the property that sets it in the starter.
	 */
	public static final class InvalidSettingException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final String property;

		private final transient @Nullable Object value;

		private final String reason;

		InvalidSettingException(String property, @Nullable Object value, String reason) {
			super(property + " " + reason + ", not " + value);
			this.property = property;
			this.value = value;
			this.reason = reason;
		}

		/**
		 * Returns the property that sets the value, for example
		 * {@code azolla.worker.max-concurrency}.
		 * @return the property name
		 */
		public String property() {
			return this.property;
		}

		/**
		 * Returns the value that was refused.
		 * @return the value, possibly {@code null}
		 */
		public @Nullable Object value() {
			return this.value;
		}

		/**
		 * Returns why the value was refused, for example {@code must be at least 1}.
		 * @return the reason
		 */
		public String reason() {
			return this.reason;
		}

	}

}
