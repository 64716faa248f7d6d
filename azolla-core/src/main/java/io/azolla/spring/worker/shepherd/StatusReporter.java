package io.azolla.spring.worker.shepherd;

import java.util.concurrent.TimeUnit;

import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.Status;
import io.azolla.spring.worker.TaskExecutionEngine;

/**
 * Reports the worker's load with Status messages: right after Hello, after every load change
 * (at most one per {@link #WINDOW_MILLIS}, and only when it differs from the last one sent on
 * that stream), and every status interval regardless. {@code current_load} is running plus
 * queued tasks capped at the maximum, {@code available_capacity} the rest, so the orchestrator
 * stops over-dispatching as early as it can (protocol §5.4, §5.7); a worker that is stopping
 * reports full load. Runs on the scheduler thread, and on the registering gRPC thread for the
 * first Status; see the package documentation for the lock.
 */
final class StatusReporter {

	/** The shortest time between two Status messages caused by load changes. */
	static final long WINDOW_MILLIS = 50;

	private final ShepherdContext context;

	private final CoalescingTrigger trigger;

	StatusReporter(ShepherdContext context) {
		this.context = context;
		this.trigger = new CoalescingTrigger(context.scheduler, WINDOW_MILLIS, () -> send(false));
	}

	/** The load changed: report it soon, coalescing bursts. Never blocks. */
	void loadChanged() {
		this.trigger.request();
	}

	/** Starts the reports of every status interval. */
	void startPeriodic() {
		long interval = this.context.settings.statusInterval().toNanos();
		this.context.scheduler.scheduleWithFixedDelay(() -> send(true), interval, interval, TimeUnit.NANOSECONDS);
	}

	/**
	 * Reports the load on the current stream, if one may be written on.
	 * @param always also when it equals the last one reported on that stream
	 */
	void send(boolean always) {
		synchronized (this.context.lock) {
			ShepherdStream current = this.context.writable();
			if (current != null) {
				sendLocked(current, always);
			}
		}
	}

	/** Reports the load on a registered stream; called with the lock held. */
	void sendLocked(ShepherdStream target, boolean always) {
		Status status = currentStatus();
		if (!always && status.equals(target.lastStatus)) {
			return;
		}
		if (target.send(ClientMsg.newBuilder().setStatus(status).build())) {
			target.lastStatus = status;
		}
	}

	private Status currentStatus() {
		int max = this.context.settings.maxConcurrency();
		int load;
		if (this.context.phase() != ShepherdContext.Phase.RUNNING) {
			// Stopping: full load, so the orchestrator sends nothing more.
			load = max;
		}
		else {
			TaskExecutionEngine.Load current = this.context.engine.load();
			load = (int) Math.min(max, (long) current.running() + current.queued());
		}
		return Status.newBuilder().setCurrentLoad(load).setAvailableCapacity(max - load).build();
	}

}
