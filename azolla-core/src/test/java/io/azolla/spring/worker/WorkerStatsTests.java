package io.azolla.spring.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.TaskResult;
import io.azolla.spring.worker.WorkerStats.ConnectionState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerStats}.
 */
class WorkerStatsTests {

	private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

	private final WorkerStats stats = new WorkerStats(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void countsRunsOutcomesAndDurationsPerTask() {
		TaskExecutionListener listener = this.stats.executionListener(4);
		listener.taskStarted("1", "mail");
		listener.taskStarted("2", "mail");
		listener.taskStarted("3", "mail");
		listener.taskCompleted("1", "mail", TaskResult.newBuilder().setTaskId("1").build(), Duration.ofMillis(100));
		listener.taskCompleted("2", "mail",
				TaskResult.newBuilder().setTaskId("2").setError(ErrorResult.newBuilder().setType("MailboxFull")).build(),
				Duration.ofMillis(300));
		WorkerStats.TaskStats mail = this.stats.task("mail").orElseThrow();
		assertThat(mail.runs()).isEqualTo(3);
		assertThat(mail.successes()).isEqualTo(1);
		assertThat(mail.errors()).isEqualTo(1);
		assertThat(mail.running()).isEqualTo(1);
		assertThat(mail.lastDuration()).isEqualTo(Duration.ofMillis(300));
		assertThat(mail.totalDuration()).isEqualTo(Duration.ofMillis(400));
		assertThat(mail.meanDuration()).isEqualTo(Duration.ofMillis(200));
		assertThat(mail.lastErrorType()).isEqualTo("MailboxFull");
		assertThat(mail.lastErrorTime()).isEqualTo(NOW);
		assertThat(this.stats.task("other")).isEmpty();
	}

	@Test
	void recordsCapacityFromTheEngineListener() {
		TaskExecutionListener listener = this.stats.executionListener(4);
		assertThat(this.stats.capacity()).isEqualTo(new WorkerStats.Capacity(4, 0, 0, 0));
		listener.loadChanged(4, 7);
		listener.stuckSlotsChanged(2);
		assertThat(this.stats.snapshot().capacity()).isEqualTo(new WorkerStats.Capacity(4, 4, 7, 2));
	}

	@Test
	void tracksTheConnectionLifecycle() {
		assertThat(this.stats.connection().state()).isEqualTo(ConnectionState.DISCONNECTED);
		this.stats.recordConnecting("orchestrator:52710", "prod", "default", "u1", false);
		this.stats.recordDisconnected("UNAVAILABLE: refused");
		this.stats.recordConnecting("orchestrator:52710", "prod", "default", "u2", true);
		assertThat(this.stats.connection().state()).isEqualTo(ConnectionState.CONNECTING);
		this.stats.recordRegistered();
		WorkerStats.Connection connection = this.stats.snapshot().connection();
		assertThat(connection).isEqualTo(new WorkerStats.Connection(ConnectionState.REGISTERED, "orchestrator:52710",
				"prod", "default", "u2", NOW, 1, "UNAVAILABLE: refused", "UNAVAILABLE: refused", 0, 0));
		this.stats.recordResults(3, 1);
		this.stats.recordDisconnected("the orchestrator ended the stream", false);
		assertThat(this.stats.connection().connectedSince()).isNull();
		assertThat(this.stats.connection().lastError()).isEqualTo("UNAVAILABLE: refused");
		assertThat(this.stats.connection().lastDisconnect()).isEqualTo("the orchestrator ended the stream");
		assertThat(this.stats.connection().resultsResent()).isEqualTo(3);
		assertThat(this.stats.connection().resultsInDoubt()).isEqualTo(1);
	}

	@Test
	void snapshotsAreSortedByTaskNameAndUnmodifiable() {
		this.stats.recordStarted("zeta");
		this.stats.recordStarted("alpha");
		WorkerStats.Snapshot snapshot = this.stats.snapshot();
		assertThat(snapshot.tasks().keySet()).containsExactly("alpha", "zeta");
		this.stats.recordStarted("beta");
		assertThat(snapshot.tasks()).hasSize(2);
	}

}
