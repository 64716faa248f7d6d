package io.azolla.spring.retry;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import org.springframework.retry.support.RetryTemplate;
import org.springframework.retry.support.RetryTemplateBuilder;

/**
 * Retries calls to the orchestrator that failed in transport, such as a refused connection.
 * <p>
 * This is not the task retry policy: it only covers calls whose failure says nothing about the
 * task. Callers decide per call which failures are safe to repeat; a task creation whose
 * request may have reached the server is never one of them.
 */
public final class TransportRetry {

	private final int maxAttempts;

	private final Duration initialInterval;

	private final double multiplier;

	private final Duration maxInterval;

	/**
	 * Creates transport retry settings.
	 * @param maxAttempts total attempts per call, the first included (1 disables retries)
	 * @param initialInterval the wait after the first failure
	 * @param multiplier the growth of the wait after each further failure
	 * @param maxInterval the longest wait
	 */
	public TransportRetry(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("transport-retry.max-attempts must be at least 1 (was " + maxAttempts + ")");
		}
		if (!Double.isFinite(multiplier) || multiplier < 1.0) {
			throw new IllegalArgumentException("transport-retry.multiplier must be at least 1 (was " + multiplier + ")");
		}
		if (initialInterval.isNegative() || maxInterval.isNegative()) {
			throw new IllegalArgumentException("transport-retry intervals must not be negative");
		}
		this.maxAttempts = maxAttempts;
		this.initialInterval = Objects.requireNonNull(initialInterval, "initialInterval");
		this.multiplier = multiplier;
		this.maxInterval = Objects.requireNonNull(maxInterval, "maxInterval");
	}

	/**
	 * Returns settings that make a single attempt.
	 * @return settings without retries
	 */
	public static TransportRetry none() {
		return new TransportRetry(1, Duration.ZERO, 1.0, Duration.ZERO);
	}

	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Runs a blocking call, repeating it after failures the predicate accepts.
	 * @param <T> the result type
	 * @param call the call
	 * @param retryable which failures may be repeated
	 * @return the call's result
	 */
	public <T> T execute(Supplier<T> call, Predicate<Throwable> retryable) {
		RetryTemplateBuilder template = RetryTemplate.builder().maxAttempts(this.maxAttempts).retryOn(retryable);
		long initialMillis = Math.max(1, this.initialInterval.toMillis());
		// spring-retry's exponential backoff insists on a multiplier above 1.
		if (this.multiplier > 1.0) {
			template.exponentialBackoff(initialMillis, this.multiplier, Math.max(initialMillis, this.maxInterval.toMillis()));
		}
		else {
			template.fixedBackoff(initialMillis);
		}
		return template.build().execute((context) -> call.get());
	}

	/**
	 * Returns the wait after a number of consecutive failures, for callers that schedule their
	 * own retries instead of blocking a thread.
	 * @param failures consecutive failures so far, at least 1
	 * @return the wait before the next attempt
	 */
	public Duration backoff(int failures) {
		double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, Math.max(0, failures - 1));
		return Duration.ofMillis((long) Math.min(millis, this.maxInterval.toMillis()));
	}

	/**
	 * Returns whether a call failed before any byte of it reached the server: the connection
	 * was refused or the host did not resolve. Only such a call may be repeated when a
	 * duplicate would do harm, as with a task creation or a result report.
	 * @param failure the failure of a call
	 * @return {@code true} when the server surely never saw the call
	 */
	public static boolean neverReachedServer(Throwable failure) {
		if (!(failure instanceof StatusRuntimeException status)
				|| status.getStatus().getCode() != Status.Code.UNAVAILABLE) {
			return false;
		}
		for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether an idempotent call (a wait or a check) may simply be repeated.
	 * @param failure the failure of a call
	 * @return {@code true} when the server was unavailable or the deadline passed
	 */
	public static boolean isTransient(Throwable failure) {
		if (!(failure instanceof StatusRuntimeException status)) {
			return false;
		}
		Status.Code code = status.getStatus().getCode();
		return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
	}

	/**
	 * Makes a channel try to connect again at once instead of waiting out gRPC's own
	 * reconnect backoff, which grows to minutes during a long outage. Callers that pace their
	 * own retries call this before each one, so a restarted server is found as soon as it
	 * listens again.
	 * @param channel the channel; anything but a {@link ManagedChannel} is left alone
	 */
	public static void reconnectNow(Channel channel) {
		if (channel instanceof ManagedChannel managed) {
			managed.resetConnectBackoff();
		}
	}

}
