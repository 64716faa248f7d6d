package io.azolla.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ScaleOutDriver}: layouts, the task a run submits, the slot bound and the
 * report.
 */
class ScaleOutDriverTests {

	@Test
	void layoutIsReplicasTimesSlots() {
		ScaleOutDriver.Layout layout = ScaleOutDriver.Layout.parse(" 3x8 ");
		assertThat(layout.replicas()).isEqualTo(3);
		assertThat(layout.slots()).isEqualTo(8);
		assertThat(layout.group()).isEqualTo("replicas-3x8");
		assertThat(layout.replicaName(2)).isEqualTo("3x8-r2");
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOutDriver.Layout.parse("3"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOutDriver.Layout.parse("0x8"));
	}

	@Test
	void withoutTaskMillisTheNoOpReplicaTaskRuns() {
		assertThat(ScaleOutDriver.taskArguments(0)).containsExactly("--task", "replica", "--args", "[]");
	}

	@Test
	void withTaskMillisTheSleepingReplicaTaskRunsWithThatArgument() {
		assertThat(ScaleOutDriver.taskArguments(50)).containsExactly("--task", "replica-sleep", "--args", "[50]");
	}

	@Test
	void slotBoundIsEverySlotBusyForTheTaskTime() {
		assertThat(ScaleOutDriver.slotBound(ScaleOutDriver.Layout.parse("1x8"), 50)).isCloseTo(160, within(1e-9));
		assertThat(ScaleOutDriver.slotBound(ScaleOutDriver.Layout.parse("3x8"), 50)).isCloseTo(480, within(1e-9));
		assertThat(ScaleOutDriver.slotBound(ScaleOutDriver.Layout.parse("1x24"), 40)).isCloseTo(600, within(1e-9));
		assertThat(ScaleOutDriver.slotBound(ScaleOutDriver.Layout.parse("1x8"), 0)).isInfinite();
	}

	@Test
	void reportGivesThroughputAgainstTheSlotBoundAndEachReplicasShare() {
		ScaleOutDriver.Layout one = ScaleOutDriver.Layout.parse("1x8");
		ScaleOutDriver.Layout three = ScaleOutDriver.Layout.parse("3x8");
		Map<String, List<ScaleOutDriver.Run>> runs = new LinkedHashMap<>();
		runs.put("1x8", List.of(run(one, 150, Map.of("1x8-r1", 1000))));
		runs.put("3x8", List.of(run(three, 450, Map.of("3x8-r1", 300, "3x8-r2", 300, "3x8-r3", 400))));
		String report = ScaleOutDriver.report(new String[] { "--task-millis", "50" }, List.of(one, three), runs, 50,
				"0.1", "0.2");
		assertThat(report).contains("Task: `replica-sleep`, holds its slot 50 ms")
			.contains("| 1x8 | 1000 | 1 | 150.0 | 160 | 94 % |")
			.contains("| 3x8 | 1000 | 1 | 450.0 | 480 | 94 % |")
			.contains("| 3x8 / 1x8 | 3.00 (3.00–3.00) |")
			.contains("| 1 | 3x8 | 0.1 0.1 0.1 | 450.0 |")
			.contains("300 / 300 / 400");
		assertThat(runs.get("3x8").get(0).minShare()).isCloseTo(0.3, within(1e-9));
		assertThat(runs.get("3x8").get(0).maxShare()).isCloseTo(0.4, within(1e-9));
	}

	private static ScaleOutDriver.Run run(ScaleOutDriver.Layout layout, double throughput, Map<String, Integer> tally) {
		LatencySummary latency = new LatencySummary(1000, 100, 150, 200, 250);
		LoadResult result = new LoadResult(layout.name(), "replica-sleep", 1000, 8, 256, 1000, 0, 0, 1000 / throughput,
				throughput, latency, latency, "long-poll", 1100);
		return new ScaleOutDriver.Run(layout, result, tally, 1000 / throughput, Map.of("replicas", 0.5), 1.0, 2.0,
				"0.1 0.1 0.1");
	}

}
