package io.azolla.spring.client;

import java.time.Duration;
import java.util.Objects;

import io.azolla.spring.retry.TransportRetry;

/**
 * Settings of a {@link io.azolla.spring.client.grpc.GrpcAzollaClient}.
 *
 * @param domain the domain tasks are created in
 * @param rpcTimeout the deadline of each call; waits get their wait time on top
 * @param defaultWait how long {@link TaskHandle#await()} waits
 * @param maxWaitPerCall the longest wait asked of the orchestrator in one call, kept under
 * its 5 minute cap so long waits are split into several calls
 * @param maxMessageBytes the largest request sent
 * @param transportRetry how failed connections are retried
 * @param waitSchedule when waits probe and when they long-poll
 */
public record AzollaClientSettings(String domain, Duration rpcTimeout, Duration defaultWait, Duration maxWaitPerCall,
		long maxMessageBytes, TransportRetry transportRetry, WaitSchedule waitSchedule) {

	/** The orchestrator answers a wait without a timeout after this long. */
	public static final Duration SERVER_WAIT_CAP = Duration.ofMinutes(5);

	public AzollaClientSettings {
		Objects.requireNonNull(domain, "domain");
		requirePositive(rpcTimeout, "rpcTimeout");
		requirePositive(defaultWait, "defaultWait");
		requirePositive(maxWaitPerCall, "maxWaitPerCall");
		if (maxWaitPerCall.compareTo(SERVER_WAIT_CAP) >= 0) {
			throw new IllegalArgumentException("maxWaitPerCall must be below the orchestrator's 5 minute cap");
		}
		Objects.requireNonNull(transportRetry, "transportRetry");
		Objects.requireNonNull(waitSchedule, "waitSchedule");
	}

	/**
	 * Creates settings with the default {@link WaitSchedule}.
	 * @param domain the domain tasks are created in
	 * @param rpcTimeout the deadline of each call
	 * @param defaultWait how long {@link TaskHandle#await()} waits
	 * @param maxWaitPerCall the longest wait asked of the orchestrator in one call
	 * @param maxMessageBytes the largest request sent
	 * @param transportRetry how failed connections are retried
	 */
	public AzollaClientSettings(String domain, Duration rpcTimeout, Duration defaultWait, Duration maxWaitPerCall,
			long maxMessageBytes, TransportRetry transportRetry) {
		this(domain, rpcTimeout, defaultWait, maxWaitPerCall, maxMessageBytes, transportRetry, WaitSchedule.defaults());
	}

	/**
	 * Returns the settings the official clients default to: domain {@code default}, 30 s deadline.
	 * @return default settings
	 */
	public static AzollaClientSettings defaults() {
		return new AzollaClientSettings("default", Duration.ofSeconds(30), Duration.ofSeconds(30),
				Duration.ofSeconds(60), 4L * 1024 * 1024,
				new TransportRetry(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2)));
	}

	/**
	 * Returns a copy with another domain.
	 * @param domain the domain
	 * @return the settings
	 */
	public AzollaClientSettings withDomain(String domain) {
		return new AzollaClientSettings(domain, this.rpcTimeout, this.defaultWait, this.maxWaitPerCall,
				this.maxMessageBytes, this.transportRetry, this.waitSchedule);
	}

	/**
	 * Returns a copy with another transport retry.
	 * @param transportRetry the transport retry
	 * @return the settings
	 */
	public AzollaClientSettings withTransportRetry(TransportRetry transportRetry) {
		return new AzollaClientSettings(this.domain, this.rpcTimeout, this.defaultWait, this.maxWaitPerCall,
				this.maxMessageBytes, transportRetry, this.waitSchedule);
	}

	/**
	 * Returns a copy with another wait schedule.
	 * @param waitSchedule the wait schedule
	 * @return the settings
	 */
	public AzollaClientSettings withWaitSchedule(WaitSchedule waitSchedule) {
		return new AzollaClientSettings(this.domain, this.rpcTimeout, this.defaultWait, this.maxWaitPerCall,
				this.maxMessageBytes, this.transportRetry, waitSchedule);
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive (was " + value + ")");
		}
	}

}
