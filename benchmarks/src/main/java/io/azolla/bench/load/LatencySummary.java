package io.azolla.bench.load;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds, by the nearest-rank method: the value
 * reported is one that was actually measured.
 *
 * @param count how many samples
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the largest sample
 */
public record LatencySummary(int count, double p50, double p90, double p99, double max) {

	/**
	 * Summarises latencies given in nanoseconds.
	 * @param nanos the samples; the array is sorted in place
	 * @return the summary, all zero for no samples
	 */
	public static LatencySummary ofNanos(long[] nanos) {
		if (nanos.length == 0) {
			return new LatencySummary(0, 0, 0, 0, 0);
		}
		Arrays.sort(nanos);
		return new LatencySummary(nanos.length, millis(rank(nanos, 0.50)), millis(rank(nanos, 0.90)),
				millis(rank(nanos, 0.99)), millis(nanos[nanos.length - 1]));
	}

	private static long rank(long[] sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
