package io.azolla.spring.worker.shepherd;

import io.azolla.proto.common.Task;
import io.azolla.spring.worker.TaskIds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes the Tasks the orchestrator sends and hands them to the engine, which queues them when
 * no slot is free; a Task never runs on the gRPC thread that received it. A Task whose id is
 * still queued, running or waiting to be written is a duplicate and is ignored; one arriving
 * while the worker stops is answered with the retryable shutdown error. Runs on gRPC's
 * threads; see the package documentation for the lock.
 */
final class TaskIntake {

	private static final Log logger = LogFactory.getLog(TaskIntake.class);

	private final ShepherdContext context;

	private final ResultDelivery results;

	private volatile long lastReceived = System.nanoTime();

	TaskIntake(ShepherdContext context, ResultDelivery results) {
		this.context = context;
		this.results = results;
	}

	void accept(Task task) {
		String taskId = task.getTaskId();
		if (!TaskIds.isUuid(taskId)) {
			// Answering would close the stream (§5.1), and the orchestrator only sends uuids.
			logger.warn("Ignoring a Task whose id is not a uuid");
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Received task '" + task.getName() + "' (" + taskId + ")");
		}
		this.lastReceived = System.nanoTime();
		synchronized (this.context.lock) {
			// Under the lock so that a result reaching the outbox in between cannot let the
			// duplicate of a just-finished task through.
			if (this.results.isPending(taskId) || this.context.engine.contains(taskId)) {
				logger.warn("Ignoring a duplicate Task " + taskId + ": it is still queued, running or awaiting delivery");
				return;
			}
			ShepherdContext.Phase phase = this.context.phase();
			if (phase != ShepherdContext.Phase.RUNNING) {
				if (phase == ShepherdContext.Phase.STOPPED) {
					logger.warn("Task " + taskId + " arrived after the stream was closed and cannot be answered");
					return;
				}
				this.results.deliver(this.context.engine.shutdownResult(taskId, task.getName()));
				return;
			}
			if (!this.context.engine.submit(taskId, task.getName(), task.getArgs(), task.getKwargs(),
					this.results::deliver)) {
				logger.warn("Ignoring a duplicate Task " + taskId);
			}
		}
	}

	/** Returns when the last Task arrived, as {@link System#nanoTime()}. */
	long lastReceived() {
		return this.lastReceived;
	}

}
