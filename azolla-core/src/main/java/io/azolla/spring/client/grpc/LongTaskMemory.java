package io.azolla.spring.client.grpc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Which task names are long: those whose last few probing waits all outlived the probe phase.
 * A wait for such a name long-polls from the start, which saves the probes it would send in
 * vain; every eighth wait for it probes anyway, so a name whose tasks became quick is noticed
 * and probed again. Waits of unnamed handles (looked up by id) always probe.
 */
final class LongTaskMemory {

	/** Probing waits in a row that must outlive the phase before a name counts as long. */
	static final int OUTLIVED_IN_A_ROW = 3;

	/** While a name counts as long, one wait in this many still probes. */
	static final int PROBE_ONE_IN = 8;

	/** Names beyond this many are not remembered, so generated names cannot grow the map. */
	static final int MAX_NAMES = 1_024;

	private final boolean enabled;

	private final ConcurrentMap<String, NameRecord> names = new ConcurrentHashMap<>();

	/**
	 * @param enabled whether names are remembered at all; when not, every wait probes
	 */
	LongTaskMemory(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Tells whether a wait for the named task should begin with probes.
	 * @param taskName the task's name, {@code null} when the handle does not know it
	 * @return {@code false} when the name is known to be long and this is not a wait that
	 * checks again
	 */
	boolean shouldProbe(@Nullable String taskName) {
		NameRecord record = (this.enabled && taskName != null) ? this.names.get(taskName) : null;
		return record == null || record.shouldProbe();
	}

	/**
	 * Records that a probe found the result of a wait for the named task.
	 * @param taskName the task's name, if known
	 */
	void seenWhileProbing(@Nullable String taskName) {
		NameRecord record = (taskName != null) ? this.names.get(taskName) : null;
		if (record != null) {
			record.quick();
		}
	}

	/**
	 * Records that a wait for the named task probed for the whole phase without seeing its result.
	 * @param taskName the task's name, if known
	 */
	void outlivedProbePhase(@Nullable String taskName) {
		if (!this.enabled || taskName == null) {
			return;
		}
		NameRecord record = this.names.get(taskName);
		if (record == null) {
			if (this.names.size() >= MAX_NAMES) {
				return;
			}
			record = this.names.computeIfAbsent(taskName, (name) -> new NameRecord());
		}
		record.outlived();
	}

	/**
	 * What one task name's recent waits showed.
	 */
	private static final class NameRecord {

		private int outlivedInARow;

		private int skipped;

		synchronized boolean shouldProbe() {
			if (this.outlivedInARow < OUTLIVED_IN_A_ROW) {
				return true;
			}
			this.skipped++;
			if (this.skipped < PROBE_ONE_IN) {
				return false;
			}
			this.skipped = 0;
			return true;
		}

		synchronized void quick() {
			this.outlivedInARow = 0;
			this.skipped = 0;
		}

		synchronized void outlived() {
			this.outlivedInARow++;
		}

	}

}
