package io.azolla.spring.actuate;

import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.WorkerStats;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class AzollaHealthIndicatorTests {

	private final WorkerStats stats = new WorkerStats();

	private final ManagedChannel channel = mock(ManagedChannel.class);

	@Test
	void embeddedModeIsAlwaysUp() {
		Health health = health(AzollaStatus.Mode.EMBEDDED, withTask(), null);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "EMBEDDED").doesNotContainKey("endpoint");
	}

	@Test
	void clientWithAnIdleOrReadyChannelIsUp() {
		for (ConnectivityState state : new ConnectivityState[] { ConnectivityState.IDLE, ConnectivityState.CONNECTING,
				ConnectivityState.READY }) {
			given(this.channel.getState(false)).willReturn(state);
			Health health = health(AzollaStatus.Mode.NONE, new TaskRegistry(), this.channel);
			assertThat(health.getStatus()).as(state.name()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", state.name());
		}
	}

	@Test
	void clientWithAFailingOrShutDownChannelIsDown() {
		for (ConnectivityState state : new ConnectivityState[] { ConnectivityState.TRANSIENT_FAILURE,
				ConnectivityState.SHUTDOWN }) {
			given(this.channel.getState(false)).willReturn(state);
			Health health = health(AzollaStatus.Mode.INVOCATION, withTask(), this.channel);
			assertThat(health.getStatus()).as(state.name()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("channel", state.name())
				.containsEntry("endpoint", "http://orchestrator:52710");
		}
	}

	@Test
	void shepherdWithTasksIsDownUntilItsStreamIsRegistered() {
		given(this.channel.getState(false)).willReturn(ConnectivityState.READY);
		assertThat(health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel).getStatus()).isEqualTo(Status.DOWN);
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "uuid-1", false);
		Health connecting = health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel);
		assertThat(connecting.getStatus()).isEqualTo(Status.DOWN);
		assertThat(connecting.getDetails()).containsEntry("state", "CONNECTING");
		this.stats.recordRegistered();
		Health registered = health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel);
		assertThat(registered.getStatus()).isEqualTo(Status.UP);
		assertThat(registered.getDetails()).containsEntry("state", "REGISTERED")
			.containsEntry("endpoint", "orchestrator:52710")
			.containsEntry("mode", "shepherd");
	}

	@Test
	void shepherdThatLostItsStreamIsDownWithTheLastError() {
		given(this.channel.getState(false)).willReturn(ConnectivityState.IDLE);
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "uuid-1", false);
		this.stats.recordRegistered();
		this.stats.recordDisconnected("UNAVAILABLE: connection refused");
		Health health = health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "DISCONNECTED")
			.containsEntry("lastError", "UNAVAILABLE: connection refused");
	}

	@Test
	void shepherdDetailsShowReconnectsWhyTheLastStreamEndedAndResultsSentAgain() {
		given(this.channel.getState(false)).willReturn(ConnectivityState.READY);
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "uuid-1", false);
		this.stats.recordRegistered();
		this.stats.recordResults(12, 1);
		this.stats.recordDisconnected("UNAVAILABLE: Network closed for unknown reason");
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "uuid-1", true);
		this.stats.recordRegistered();
		Health health = health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("reconnects", 1L)
			.containsEntry("lastDisconnect", "UNAVAILABLE: Network closed for unknown reason")
			.containsEntry("resultsResent", 12L)
			.containsEntry("resultsInDoubt", 1L)
			.doesNotContainKey("stuckSlots");
	}

	@Test
	void aWorkerWhoseEverySlotIsStuckIsDownAndSaysSo() {
		given(this.channel.getState(false)).willReturn(ConnectivityState.READY);
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "uuid-1", false);
		this.stats.recordRegistered();
		TaskExecutionListener listener = this.stats.executionListener(2);
		listener.loadChanged(2, 5);
		listener.stuckSlotsChanged(1);
		Health oneStuck = health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel);
		assertThat(oneStuck.getStatus()).isEqualTo(Status.UP);
		assertThat(oneStuck.getDetails()).containsEntry("stuckSlots", 1);
		listener.stuckSlotsChanged(2);
		Health allStuck = health(AzollaStatus.Mode.SHEPHERD, withTask(), this.channel);
		assertThat(allStuck.getStatus()).isEqualTo(Status.DOWN);
		assertThat(allStuck.getDetails()).containsEntry("stuckSlots", 2);
	}

	@Test
	void idleShepherdWithoutTasksDoesNotMakeHealthDown() {
		given(this.channel.getState(false)).willReturn(ConnectivityState.IDLE);
		Health health = health(AzollaStatus.Mode.SHEPHERD, new TaskRegistry(), this.channel);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "IDLE");
	}

	@Test
	void detailsNeverShowUserInformationOfTheEndpoint() {
		given(this.channel.getState(false)).willReturn(ConnectivityState.READY);
		AzollaStatus status = new AzollaStatus(AzollaStatus.Mode.NONE, this.stats, new TaskRegistry(), this.channel,
				"https://admin:hunter2@orchestrator:443", "prod", null);
		Health health = new AzollaHealthIndicator(status).health(true);
		assertThat(health.getDetails()).containsEntry("endpoint", "https://orchestrator:443");
		assertThat(health.getDetails().toString()).doesNotContain("hunter2").doesNotContain("admin");
	}

	private Health health(AzollaStatus.Mode mode, TaskRegistry registry, ManagedChannel channel) {
		AzollaStatus status = new AzollaStatus(mode, this.stats, registry, channel, "http://orchestrator:52710", "prod",
				"blue");
		return new AzollaHealthIndicator(status).health(true);
	}

	private static TaskRegistry withTask() {
		return TestHandlers.registry();
	}

}
