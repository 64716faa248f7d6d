package io.azolla.spring.actuate;

import io.azolla.spring.worker.WorkerStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AzollaMeterBinderTests {

	private final WorkerStats stats = new WorkerStats();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void shepherdGaugesFollowTheStreamAndCountReconnects() {
		new AzollaMeterBinder(this.stats, true).bindTo(this.registry);
		assertThat(connected()).isZero();
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "u1", false);
		this.stats.recordRegistered();
		assertThat(connected()).isEqualTo(1);
		this.stats.recordDisconnected("UNAVAILABLE");
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "u2", true);
		this.stats.recordDisconnected("UNAVAILABLE");
		this.stats.recordConnecting("orchestrator:52710", "prod", "blue", "u3", true);
		assertThat(connected()).isZero();
		assertThat(this.registry.get("azolla.shepherd.reconnects").functionCounter().count()).isEqualTo(2);
	}

	@Test
	void activeAndQueuedGaugesReadTheCapacity() {
		new AzollaMeterBinder(this.stats, false).bindTo(this.registry);
		this.stats.recordCapacity(8, 3, 5);
		assertThat(this.registry.get("azolla.task.active").gauge().value()).isEqualTo(3);
		assertThat(this.registry.get("azolla.task.queued").gauge().value()).isEqualTo(5);
		assertThat(this.registry.find("azolla.shepherd.connected").gauge()).isNull();
	}

	private double connected() {
		return this.registry.get("azolla.shepherd.connected").gauge().value();
	}

}
