package io.azolla.spring.actuate;

import java.util.Objects;

import io.azolla.spring.worker.WorkerStats;
import io.grpc.ConnectivityState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code azolla} health indicator. UP in embedded mode; otherwise UP when the client
 * channel is usable (not {@code SHUTDOWN} or {@code TRANSIENT_FAILURE}) and, for a shepherd
 * that has tasks, when its stream is {@code REGISTERED}. A shepherd without tasks does not
 * connect and is not held against the application.
 * <p>
 * A worker whose every execution slot is stuck (held by tasks that outlived their time limit
 * and ignore interrupts) is DOWN: it hands every task back.
 * <p>
 * Details are safe to show: the mode, the orchestrator address without user information, the
 * state, the last connection error, and for a shepherd the reconnects, why the last stream
 * ended, the results sent again and those in doubt, and the stuck slots.
 */
public class AzollaHealthIndicator extends AbstractHealthIndicator {

	private final AzollaStatus status;

	/**
	 * Creates the indicator.
	 * @param status what it judges
	 */
	public AzollaHealthIndicator(AzollaStatus status) {
		super("Azolla health check failed");
		this.status = Objects.requireNonNull(status, "status");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		AzollaStatus.Connection connection = this.status.connection();
		builder.withDetail("mode", this.status.mode().displayName());
		if (connection.endpoint() != null) {
			builder.withDetail("endpoint", connection.endpoint());
		}
		builder.withDetail("state", connection.state());
		if (connection.lastError() != null) {
			builder.withDetail("lastError", connection.lastError());
		}
		if (this.status.streamExpected()) {
			builder.withDetail("reconnects", connection.reconnects());
			if (connection.lastDisconnect() != null) {
				builder.withDetail("lastDisconnect", connection.lastDisconnect());
			}
			builder.withDetail("resultsResent", connection.resultsResent());
			builder.withDetail("resultsInDoubt", connection.resultsInDoubt());
		}
		WorkerStats.Capacity capacity = this.status.capacity();
		if (capacity.stuck() > 0) {
			builder.withDetail("stuckSlots", capacity.stuck());
		}
		if (this.status.mode() == AzollaStatus.Mode.EMBEDDED) {
			builder.up();
			return;
		}
		if (capacity.max() > 0 && capacity.stuck() >= capacity.max()) {
			builder.down();
			return;
		}
		ConnectivityState channel = this.status.channelState();
		if (channel == ConnectivityState.SHUTDOWN || channel == ConnectivityState.TRANSIENT_FAILURE) {
			builder.down().withDetail("channel", channel.name());
			return;
		}
		if (this.status.streamExpected() && !WorkerStats.ConnectionState.REGISTERED.name().equals(connection.state())) {
			builder.down();
			return;
		}
		builder.up();
	}

}
