package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ShepherdWorker} needs to know, independent of how it is configured.
 *
 * @param domain the domain served; must be the clients' domain string exactly
 * @param group the shepherd group registered in; {@code ""} is a group of its own
 * @param maxConcurrency the largest number of tasks executing at once, at least 1
 * @param statusInterval the longest time between two load reports; keep it well under the
 * orchestrator's 300 s silence limit
 * @param reconnectInitial the wait before the first reconnection, and after a clean close
 * @param reconnectMax the longest wait between two reconnections
 * @param reconnectMultiplier the growth of the wait after each failed attempt, at least 1
 * @param shutdownTimeout how long running tasks may take to finish on stop, and again how long
 * their results may take to be delivered
 * @param taskTimeout the time limit of tasks without one of their own, or {@code null} for none
 * @param taskTimeouts time limits per task name, taking precedence over {@code taskTimeout} but
 * not over a limit the task declares itself
 */
public record ShepherdSettings(String domain, String group, int maxConcurrency, Duration statusInterval,
		Duration reconnectInitial, Duration reconnectMax, double reconnectMultiplier, Duration shutdownTimeout,
		Duration taskTimeout, Map<String, Duration> taskTimeouts) {

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
	 */
	public ShepherdSettings {
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(group, "group");
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1, not " + maxConcurrency);
		}
		requirePositive(statusInterval, "statusInterval");
		requirePositive(reconnectInitial, "reconnectInitial");
		requirePositive(reconnectMax, "reconnectMax");
		if (reconnectMax.compareTo(reconnectInitial) < 0) {
			throw new IllegalArgumentException("reconnectMax must not be shorter than reconnectInitial");
		}
		if (!(reconnectMultiplier >= 1.0) || Double.isInfinite(reconnectMultiplier)) {
			throw new IllegalArgumentException("reconnectMultiplier must be a finite number >= 1, not "
					+ reconnectMultiplier);
		}
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("shutdownTimeout must not be negative");
		}
		taskTimeouts = (taskTimeouts != null) ? Map.copyOf(taskTimeouts) : Map.of();
	}

	/**
	 * Returns settings with the starter's defaults for the given domain: group {@code default},
	 * 16 tasks at once, status every 5 s, reconnection from 500 ms doubling up to 30 s, 30 s to
	 * stop, 5 min per task.
	 * @param domain the domain served
	 * @return the settings
	 */
	public static ShepherdSettings defaults(String domain) {
		return new ShepherdSettings(domain, "default", 16, Duration.ofSeconds(5), Duration.ofMillis(500),
				Duration.ofSeconds(30), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(5), Map.of());
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, not " + duration);
		}
	}

}
