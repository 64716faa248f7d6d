package io.azolla.spring.worker.shepherd;

import java.time.Duration;
import java.util.List;

import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ClientMsg;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Delivers every task's one result through the {@link ResultOutbox}: written at once on a
 * registered stream, otherwise kept until the next one registers, across any number of
 * reconnections, and never written before that stream's Hello (a result sent before Hello is
 * lost, protocol §5.1). When a stream ends, the outbox decides what is sent again and what is
 * in doubt. A stopping worker with results left and no stream asks for one. Results arrive on
 * the engine's threads; see the package documentation for the lock.
 */
final class ResultDelivery {

	/**
	 * How long after writing a success it is sent again if its stream breaks: longer than a
	 * dead connection takes to be noticed with the default keepalive (10 s + 5 s).
	 */
	static final Duration RESEND_WINDOW = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(ResultDelivery.class);

	private final ShepherdContext context;

	/** Asks for a stream when a stopping worker has none; called with the lock held. */
	private final Runnable streamNeeded;

	/** Guarded by the lock. */
	private final ResultOutbox outbox = new ResultOutbox(RESEND_WINDOW.toNanos());

	ResultDelivery(ShepherdContext context, Runnable streamNeeded) {
		this.context = context;
		this.streamNeeded = streamNeeded;
	}

	/**
	 * Takes a task's result for delivery; the engine's result callback.
	 * @param result the result
	 */
	void deliver(TaskResult result) {
		synchronized (this.context.lock) {
			if (!this.outbox.add(result)) {
				logger.warn("A second result for task " + result.getTaskId() + " was discarded");
				return;
			}
			ShepherdStream current = this.context.current();
			if (current != null && current.writable()) {
				flushLocked(current);
			}
			else if (current == null && this.context.phase() == ShepherdContext.Phase.STOPPING) {
				this.streamNeeded.run();
			}
		}
	}

	/** Writes what is waiting on a registered stream; called with the lock held. */
	void flushLocked(ShepherdStream target) {
		int written = this.outbox.flush(
				(result) -> target.send(ClientMsg.newBuilder().setTaskResult(result).build()), System.nanoTime());
		if (written > 0 && logger.isDebugEnabled()) {
			logger.debug("Sent " + written + " result(s) on " + target.uuid);
		}
		this.context.lock.notifyAll();
	}

	/**
	 * Settles the results written on a stream that ended; called with the lock held.
	 * @param stream the stream, registered or not
	 * @param error why it ended, or {@code null} when the server ended it cleanly
	 * @return the ids of error results that may have been lost, for the log
	 */
	List<String> streamEnded(ShepherdStream stream, @Nullable Throwable error) {
		List<String> inDoubt = List.of();
		if (stream.registered) {
			if (error == null && stream.halfClosed) {
				// The server's end of the stream answers our half-close: everything was read.
				this.outbox.confirmed();
			}
			else {
				inDoubt = this.outbox.streamLost(System.nanoTime());
			}
		}
		this.context.stats.recordResults(this.outbox.resent(), this.outbox.inDoubt());
		return inDoubt;
	}

	/** Called with the lock held. */
	boolean isPending(String taskId) {
		return this.outbox.isPending(taskId);
	}

	/** Called with the lock held: the results not yet written on a registered stream. */
	int pending() {
		return this.outbox.pending();
	}

	/** Called with the lock held: the results written recently without proof of arrival. */
	int unconfirmed() {
		return this.outbox.unconfirmed();
	}

}
