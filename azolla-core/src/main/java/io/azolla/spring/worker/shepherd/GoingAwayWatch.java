package io.azolla.spring.worker.shepherd;

import java.time.Duration;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Lets go of a registered stream whose connection is going away. An orchestrator that is asked
 * to stop sends GOAWAY and stops accepting connections but keeps existing streams open while it
 * waits for them to end (seen with the real server: it waited until it was killed), so the
 * stream itself would say nothing; the channel leaving READY is the sign. The stream is then
 * half-closed, not cancelled, so that what gRPC still buffers reaches the server, which ends the
 * stream and so proves it read everything; the end of the stream brings the next one. If the
 * server does not end it within {@link #LIMIT} it is cancelled. Runs on gRPC's threads and the
 * scheduler; see the package documentation for the lock.
 */
final class GoingAwayWatch {

	/** How long a server whose connection is going away may take to end a half-closed stream. */
	static final Duration LIMIT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(GoingAwayWatch.class);

	private final ShepherdContext context;

	private final Channel channel;

	GoingAwayWatch(ShepherdContext context, Channel channel) {
		this.context = context;
		this.channel = channel;
	}

	/** Watches the connection under a stream that just registered. */
	void watch(ShepherdStream watched) {
		if (!(this.channel instanceof ManagedChannel managed)) {
			return;
		}
		try {
			ConnectivityState seen = managed.getState(false);
			if (seen != ConnectivityState.READY) {
				// Already going away while the Hello was being sent.
				goingAway(watched, seen);
				return;
			}
			managed.notifyWhenStateChanged(seen, () -> {
				if (stillWatched(watched)) {
					watch(watched);
				}
			});
		}
		catch (UnsupportedOperationException ex) {
			// A channel wrapper without state tracking: the stream's own errors must do.
			logger.debug("The channel to " + this.context.endpoint + " does not report its state: " + ex);
		}
	}

	private boolean stillWatched(ShepherdStream watched) {
		synchronized (this.context.lock) {
			return this.context.current() == watched && !watched.ended
					&& this.context.phase() != ShepherdContext.Phase.STOPPED;
		}
	}

	private void goingAway(ShepherdStream watched, ConnectivityState state) {
		synchronized (this.context.lock) {
			if (!stillWatched(watched) || watched.halfClosed) {
				return;
			}
			watched.halfClose();
		}
		logger.info("The connection to the Azolla orchestrator at " + this.context.endpoint + " is going away ("
				+ state + "); closing the shepherd stream and reopening it");
		this.context.schedule(() -> cancelIfOpen(watched), LIMIT);
	}

	private void cancelIfOpen(ShepherdStream closing) {
		synchronized (this.context.lock) {
			if (closing.ended) {
				return;
			}
		}
		closing.cancel("The orchestrator did not end the stream within " + LIMIT.toSeconds() + " s");
	}

}
