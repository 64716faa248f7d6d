package io.azolla.spring.worker.shepherd;

import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One {@code ClusterService.Stream} call of a shepherd: its request side and what happened on
 * it. Server events are handed to the owner's {@link Events}.
 * <p>
 * Concurrency: as the package documentation states, the mutable fields are guarded by the
 * worker's lock and {@link #send} and {@link #halfClose()} are called with it held;
 * {@link #cancel} may be called from any thread.
 */
final class ShepherdStream implements ClientResponseObserver<ClientMsg, ServerMsg> {

	private static final Log logger = LogFactory.getLog(ShepherdStream.class);

	final String uuid;

	private final Events events;

	private volatile ClientCallStreamObserver<ClientMsg> requests;

	/** Hello was written on this stream. */
	boolean registered;

	/** When Hello was written, as {@link System#nanoTime()}. */
	long registeredAt;

	/** This stream is over, for whatever reason. */
	boolean ended;

	/** This side was half-closed: nothing more may be written. */
	boolean halfClosed;

	/** The last Status written, {@code null} before the first. */
	@Nullable Status lastStatus;

	ShepherdStream(String uuid, Events events) {
		this.uuid = uuid;
		this.events = events;
	}

	@Override
	public void beforeStart(ClientCallStreamObserver<ClientMsg> requestStream) {
		this.requests = requestStream;
	}

	/** Returns whether results and Status may be written now. */
	boolean writable() {
		return this.registered && !this.ended && !this.halfClosed;
	}

	/**
	 * Writes a message.
	 * @return {@code false} when the call refused it, so it was certainly not sent
	 */
	boolean send(ClientMsg message) {
		try {
			this.requests.onNext(message);
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not write on the stream " + this.uuid + ": " + ex);
			return false;
		}
	}

	/**
	 * Ends this side of a registered stream: the orchestrator reads what was sent before, then
	 * ends its side (protocol §5.1), which proves everything written was read.
	 */
	void halfClose() {
		if (this.halfClosed) {
			return;
		}
		this.halfClosed = true;
		try {
			this.requests.onCompleted();
		}
		catch (RuntimeException ex) {
			logger.debug("Half-closing the stream " + this.uuid + " failed: " + ex);
		}
	}

	/** Abandons the stream at once; whatever gRPC still buffers is dropped. */
	void cancel(String reason) {
		try {
			this.requests.cancel(reason, null);
		}
		catch (RuntimeException ex) {
			logger.debug("Cancelling the stream " + this.uuid + " failed: " + ex);
		}
	}

	/** Called by the headers interceptor: the stream reached a live server. */
	void opened() {
		this.events.opened(this);
	}

	@Override
	public void onNext(ServerMsg message) {
		// A message proves the stream is open even if headers went unnoticed.
		this.events.opened(this);
		this.events.received(this, message);
	}

	@Override
	public void onError(Throwable error) {
		this.events.ended(this, error);
	}

	@Override
	public void onCompleted() {
		this.events.ended(this, null);
	}

	/**
	 * What a stream reports to its owner, on gRPC's threads.
	 */
	interface Events {

		void opened(ShepherdStream stream);

		void received(ShepherdStream stream, ServerMsg message);

		/**
		 * @param error why, or {@code null} when the server ended the stream with status OK
		 */
		void ended(ShepherdStream stream, @Nullable Throwable error);

	}

}
