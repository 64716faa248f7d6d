package io.azolla.spring.worker.shepherd;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.azolla.proto.common.TaskResult;

/**
 * The results of a shepherd that the orchestrator may not have yet: those still to be written
 * on a registered stream ({@link #pending()}), and those written on the current stream within
 * the re-send window, whose arrival nothing has proved yet.
 * <p>
 * The orchestrator acknowledges nothing, so a result written shortly before a stream breaks
 * may be lost. When a stream ends without proof, the successes written on it within the
 * window are queued again: the orchestrator only stores a repeated success again, with the
 * same value (upstream {@code scheduler.rs}, confirmed against the real server, see
 * {@code docs/e2e-findings.md}). Errors are never written twice: a repeated error for a task
 * that is waiting for its retry schedules a second retry, so it would run twice. They are
 * counted as in doubt instead. A half-close answered by the server's own end of the stream
 * proves everything written was read ({@link #confirmed()}).
 * <p>
 * Not thread-safe: {@link ResultDelivery} calls it only with the worker's lock held (see the
 * package documentation).
 */
final class ResultOutbox {

	private final long windowNanos;

	/** Results not yet written, by task id, oldest first. */
	private final Map<String, TaskResult> pending = new LinkedHashMap<>();

	/** Results written on the current stream within the window, by task id, oldest first. */
	private final Map<String, Written> written = new LinkedHashMap<>();

	private long resent;

	private long inDoubt;

	/**
	 * @param windowNanos how long after writing a result it is still treated as possibly lost
	 * when its stream breaks; should cover the time a dead connection takes to be noticed
	 */
	ResultOutbox(long windowNanos) {
		this.windowNanos = windowNanos;
	}

	/**
	 * Queues a result for writing.
	 * @return {@code false} when a result for this task id is already queued
	 */
	boolean add(TaskResult result) {
		return this.pending.putIfAbsent(result.getTaskId(), result) == null;
	}

	/**
	 * Returns whether a result for this task id is queued and not written yet.
	 */
	boolean isPending(String taskId) {
		return this.pending.containsKey(taskId);
	}

	/**
	 * Writes queued results in order until the writer refuses one.
	 * @param writer writes one result, {@code false} when it certainly was not sent
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the number written
	 */
	int flush(Predicate<TaskResult> writer, long nowNanos) {
		forgetOlderThan(nowNanos - this.windowNanos);
		int count = 0;
		Iterator<TaskResult> results = this.pending.values().iterator();
		while (results.hasNext()) {
			TaskResult result = results.next();
			if (!writer.test(result)) {
				break;
			}
			results.remove();
			this.written.remove(result.getTaskId());
			this.written.put(result.getTaskId(), new Written(result, nowNanos));
			count++;
		}
		return count;
	}

	/**
	 * The stream the results were written on broke: successes written within the window go to
	 * the front of the queue, errors are counted as in doubt.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the ids of the errors in doubt, for the log
	 */
	List<String> streamLost(long nowNanos) {
		forgetOlderThan(nowNanos - this.windowNanos);
		Map<String, TaskResult> again = new LinkedHashMap<>();
		List<String> doubtful = new ArrayList<>();
		for (Written each : this.written.values()) {
			if (each.result.hasSuccess()) {
				again.put(each.result.getTaskId(), each.result);
			}
			else {
				doubtful.add(each.result.getTaskId());
			}
		}
		this.written.clear();
		this.resent += again.size();
		this.inDoubt += doubtful.size();
		again.putAll(this.pending);
		this.pending.clear();
		this.pending.putAll(again);
		return doubtful;
	}

	/**
	 * The server ended the stream after the shepherd's half-close: it read everything written.
	 */
	void confirmed() {
		this.written.clear();
	}

	/** Returns the results not written yet. */
	int pending() {
		return this.pending.size();
	}

	/** Returns how many written results were not yet proved or presumed delivered. */
	int unconfirmed() {
		return this.written.size();
	}

	/** Returns how many successes were queued again after their stream broke. */
	long resent() {
		return this.resent;
	}

	/** Returns how many written errors may have been lost with their stream. */
	long inDoubt() {
		return this.inDoubt;
	}

	private void forgetOlderThan(long limitNanos) {
		Iterator<Written> oldest = this.written.values().iterator();
		while (oldest.hasNext() && oldest.next().nanos - limitNanos < 0) {
			oldest.remove();
		}
	}

	private record Written(TaskResult result, long nanos) {
	}

}
