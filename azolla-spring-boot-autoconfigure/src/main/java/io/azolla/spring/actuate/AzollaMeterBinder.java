package io.azolla.spring.actuate;

import java.util.Objects;

import io.azolla.spring.worker.WorkerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the meters read from {@link WorkerStats}: {@code azolla.task.active} and
 * {@code azolla.task.queued} (gauges of the executions running and waiting for a slot) and, for
 * a shepherd, {@code azolla.shepherd.connected} (gauge, 1 while the stream is registered) and
 * {@code azolla.shepherd.reconnects} (counter of connection attempts after the first). None of
 * them has tags, so cardinality is fixed.
 */
public class AzollaMeterBinder implements MeterBinder {

	private final WorkerStats stats;

	private final boolean shepherd;

	/**
	 * Creates a binder.
	 * @param stats the statistics meters read
	 * @param shepherd whether this application is a shepherd, which adds the connection meters
	 */
	public AzollaMeterBinder(WorkerStats stats, boolean shepherd) {
		this.stats = Objects.requireNonNull(stats, "stats");
		this.shepherd = shepherd;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("azolla.task.active", this.stats, (stats) -> stats.capacity().running())
			.description("Azolla task executions holding a slot")
			.baseUnit("tasks")
			.register(registry);
		Gauge.builder("azolla.task.queued", this.stats, (stats) -> stats.capacity().queued())
			.description("Azolla tasks waiting for an execution slot")
			.baseUnit("tasks")
			.register(registry);
		Gauge.builder("azolla.task.stuck", this.stats, (stats) -> stats.capacity().stuck())
			.description("Azolla execution slots held by tasks that outlived their time limit and ignore interrupts")
			.baseUnit("tasks")
			.register(registry);
		if (!this.shepherd) {
			return;
		}
		Gauge.builder("azolla.shepherd.connected", this.stats,
				(stats) -> (stats.connection().state() == WorkerStats.ConnectionState.REGISTERED) ? 1 : 0)
			.description("Whether the shepherd stream to the orchestrator is registered (1) or not (0)")
			.register(registry);
		FunctionCounter.builder("azolla.shepherd.reconnects", this.stats, (stats) -> stats.connection().reconnects())
			.description("Shepherd connection attempts that followed the first one")
			.register(registry);
		FunctionCounter
			.builder("azolla.shepherd.results.resent", this.stats, (stats) -> stats.connection().resultsResent())
			.description("Results sent again because their stream broke right after they were written")
			.register(registry);
		FunctionCounter
			.builder("azolla.shepherd.results.in-doubt", this.stats, (stats) -> stats.connection().resultsInDoubt())
			.description("Error results written just before their stream broke and not sent again")
			.register(registry);
	}

}
