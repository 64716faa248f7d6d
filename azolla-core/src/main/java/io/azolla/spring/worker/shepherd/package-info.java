/**
 * The in-process shepherd: one bidirectional stream to the orchestrator that registers this
 * application, receives tasks, reports their results and keeps the orchestrator informed of
 * free slots, reconnecting when the stream ends.
 * <p>
 * <b>Parts.</b> {@link io.azolla.spring.worker.shepherd.ShepherdWorker} (the public entry
 * point and lifecycle) wires parts of one job each: {@code StreamSession} opens, registers and
 * reopens the stream ({@code ShepherdStream} is one call, {@code Reconnects} paces attempts,
 * {@code GoingAwayWatch} lets go of a connection the server is closing); {@code TaskIntake}
 * hands received Tasks to the engine; {@code ResultDelivery} writes results through the
 * {@code ResultOutbox}; {@code StatusReporter} reports the load; {@code ShepherdDrain} stops
 * gracefully. {@code ShepherdContext} holds what they share.
 * <p>
 * <b>Concurrency rules</b> (every part refers here):
 * <ul>
 * <li><b>One lock</b> per worker, {@code ShepherdContext.lock}. It guards the lifecycle phase,
 * the current stream, every mutable field of a {@code ShepherdStream} ({@code registered},
 * {@code ended}, {@code halfClosed}, {@code lastStatus}), the {@code ResultOutbox}, and the
 * session's bookkeeping (backoff and failures, pending attempt, repeated Hello). Methods named
 * {@code ...Locked}, and those documented "called with the lock held", assume it.</li>
 * <li><b>Writes</b> on a stream (Hello, Status, results, half-close) happen only with the lock
 * held, which serialises them as gRPC requires and gives the order on every stream: Hello,
 * exactly once (repeated once only after a keepalive failure), then Status, then the waiting
 * results in the order they were decided. Status and results are written only on a
 * {@code writable()} stream, that is registered, not ended and not half-closed, so never
 * before that stream's Hello. {@code cancel} is called without the lock.</li>
 * <li><b>Threads.</b> The channel's transport (Netty event loop) thread delivers stream events
 * (headers, messages, end) to the session, and Tasks to the intake, directly, without gRPC's
 * executor hop; so nothing on that path may block beyond taking the lock briefly, and no code
 * may wait for the transport while holding the lock; the worker's single scheduler thread
 * ({@code azolla-shepherd-N}) runs connection attempts, the open time-out, periodic and
 * coalesced Status, the repeated Hello and the going-away limit; the engine's task threads
 * (and the timer thread, for timed-out tasks) hand results to {@code ResultDelivery}; the
 * stopping thread ({@code azolla-shepherd-stop}, or the caller of {@code stop()}) runs the
 * drain; {@code azolla-shepherd-keep-alive} only waits for the end.</li>
 * <li><b>Lock order.</b> The shepherd lock may be held while calling into the engine
 * ({@code submit}, {@code contains}, {@code load}), never the reverse: the engine calls result
 * callbacks and listeners without its own lock. Load changes only request a Status from the
 * coalescing trigger, which takes no lock.</li>
 * <li><b>Waits.</b> The drain waits on the shepherd lock ({@code LockWaits}); whoever empties
 * the outbox or ends a stream calls {@code notifyAll()} on it.</li>
 * </ul>
 */
@NullMarked
package io.azolla.spring.worker.shepherd;

import org.jspecify.annotations.NullMarked;
