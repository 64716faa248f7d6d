package io.azolla.bench.load;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CpuAccount}: reading {@code /proc} lines and taking differences.
 */
class CpuAccountTests {

	@Test
	void parseReadsTimesAfterACommandNameWithSpacesAndParentheses() {
		String line = "4242 (C2 Compiler (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 89 10 20 0 40 0 100 0 0";
		assertThat(CpuAccount.parse(line)).containsExactly(1234, 567, 89, 10);
	}

	@Test
	void backendsAreToldFromBackgroundProcessesByTheirTitle() {
		assertThat(CpuAccount.isBackend("postgres: 15/main: postgres azolla_bench_1 127.0.0.1(49330) idle")).isTrue();
		assertThat(CpuAccount.isBackend("postgres: postgres other 127.0.0.1(5000) SELECT")).isTrue();
		assertThat(CpuAccount.isBackend("postgres: 15/main: postgres postgres [local] idle")).isTrue();
		assertThat(CpuAccount.isBackend("postgres: 15/main: walwriter")).isFalse();
		assertThat(CpuAccount.isBackend("postgres: 15/main: logical replication launcher")).isFalse();
		assertThat(CpuAccount.isBackend("postgres: 15/main: autovacuum launcher")).isFalse();
	}

	@Test
	void betweenGivesSecondsPerGroupAndPutsTheUncountedRestApart() {
		CpuAccount.Snapshot before = new CpuAccount.Snapshot(0, Map.of("orchestrator", 100L, "load tool", 50L),
				Map.of("load tool", Map.of("main", 10L)), new long[] { 1000, 5000 });
		CpuAccount.Snapshot after = new CpuAccount.Snapshot(2_000_000_000L,
				Map.of("orchestrator", 160L, "load tool", 70L), Map.of("load tool", Map.of("main", 25L, "CN", 5L)),
				new long[] { 1150, 5400 });
		CpuAccount.Usage usage = CpuAccount.between(before, after);
		assertThat(usage.wallSeconds()).isCloseTo(2.0, within(1e-9));
		assertThat(usage.busySeconds()).isCloseTo(1.5, within(1e-9));
		assertThat(usage.capacitySeconds()).isCloseTo(4.0, within(1e-9));
		assertThat(usage.seconds().get("orchestrator")).isCloseTo(0.6, within(1e-9));
		assertThat(usage.seconds().get("load tool")).isCloseTo(0.2, within(1e-9));
		assertThat(usage.seconds().get(CpuAccount.REST)).isCloseTo(0.7, within(1e-9));
		assertThat(usage.threads().get("load tool")).containsEntry("main", 0.15).containsEntry("CN", 0.05);
	}

	@Test
	void attributeMovesAnExitedProcessOutOfTheRest() {
		CpuAccount.Usage usage = new CpuAccount.Usage(1, 1, 2, Map.of(CpuAccount.REST, 0.5), Map.of());
		CpuAccount.Usage moved = CpuAccount.attribute(usage, CpuAccount.LOAD_TOOL, 0.3);
		assertThat(moved.seconds().get(CpuAccount.LOAD_TOOL)).isEqualTo(0.3);
		assertThat(moved.seconds().get(CpuAccount.REST)).isCloseTo(0.2, within(1e-9));
	}

}
