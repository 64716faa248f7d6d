package io.azolla.spring.client.grpc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LongTaskMemoryTests {

	private final LongTaskMemory memory = new LongTaskMemory(true);

	@Test
	void nameCountsAsLongOnlyAfterThreeWaitsInARowOutlivedThePhase() {
		this.memory.outlivedProbePhase("report");
		this.memory.outlivedProbePhase("report");
		assertThat(this.memory.shouldProbe("report")).isTrue();

		this.memory.outlivedProbePhase("report");

		assertThat(this.memory.shouldProbe("report")).isFalse();
	}

	@Test
	void quickWaitBetweenSlowOnesStartsTheCountAgain() {
		this.memory.outlivedProbePhase("report");
		this.memory.outlivedProbePhase("report");
		this.memory.seenWhileProbing("report");
		this.memory.outlivedProbePhase("report");
		this.memory.outlivedProbePhase("report");

		assertThat(this.memory.shouldProbe("report")).isTrue();
	}

	@Test
	void longNameIsProbedOnceInEveryEightWaits() {
		markLong("report");

		List<Boolean> decisions = new ArrayList<>();
		for (int i = 0; i < 2 * LongTaskMemory.PROBE_ONE_IN; i++) {
			decisions.add(this.memory.shouldProbe("report"));
		}

		assertThat(decisions).filteredOn(Boolean::booleanValue).hasSize(2);
		assertThat(decisions.get(LongTaskMemory.PROBE_ONE_IN - 1)).isTrue();
		assertThat(decisions.get(2 * LongTaskMemory.PROBE_ONE_IN - 1)).isTrue();
	}

	@Test
	void unnamedWaitsAlwaysProbeAndAreNotRemembered() {
		for (int i = 0; i < LongTaskMemory.OUTLIVED_IN_A_ROW; i++) {
			this.memory.outlivedProbePhase(null);
		}

		assertThat(this.memory.shouldProbe(null)).isTrue();
	}

	@Test
	void namesBeyondTheLimitAreNotRemembered() {
		for (int i = 0; i < LongTaskMemory.MAX_NAMES; i++) {
			this.memory.outlivedProbePhase("task-" + i);
		}
		markLong("one-too-many");

		assertThat(this.memory.shouldProbe("one-too-many")).isTrue();
		markLong("task-0");
		assertThat(this.memory.shouldProbe("task-0")).isFalse();
	}

	@Test
	void memoryThatIsOffNeverSkipsProbes() {
		LongTaskMemory off = new LongTaskMemory(false);
		for (int i = 0; i < LongTaskMemory.OUTLIVED_IN_A_ROW; i++) {
			off.outlivedProbePhase("report");
		}

		assertThat(off.shouldProbe("report")).isTrue();
	}

	private void markLong(String name) {
		for (int i = 0; i < LongTaskMemory.OUTLIVED_IN_A_ROW; i++) {
			this.memory.outlivedProbePhase(name);
		}
	}

}
