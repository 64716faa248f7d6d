package io.azolla.bench.load;

/**
 * What one load run measured. The load tool prints it as one JSON line after {@code RESULT },
 * which is how the driver reads it back from a child process.
 *
 * @param label a name for the setup measured
 * @param task the task name
 * @param tasks how many tasks were asked for
 * @param concurrency how many submitters ran at once
 * @param maxInFlight the most tasks unfinished at once
 * @param succeeded tasks that finished with a success
 * @param failed tasks that could not be submitted or finished with an error
 * @param lost tasks whose result did not arrive within the wait, or were never started
 * because the run's time limit had passed
 * @param seconds the wall time of the measured phase
 * @param throughput succeeded tasks per second, end to end
 * @param submit latency of the create call
 * @param endToEnd latency from before the create call until the result was received
 * @param waitMode how the client waited: {@code probes}, {@code long-poll} or {@code python-wait}
 * @param waitCalls {@code WaitForTask} calls made during the measured phase
 */
public record LoadResult(String label, String task, int tasks, int concurrency, int maxInFlight, int succeeded,
		int failed, int lost, double seconds, double throughput, LatencySummary submit, LatencySummary endToEnd, String waitMode, long waitCalls) {

	/**
	 * Returns the average number of {@code WaitForTask} calls per measured task.
	 * @return calls per task
	 */
	public double waitCallsPerTask() {
		return (this.tasks > 0) ? this.waitCalls / (double) this.tasks : 0;
	}

	/**
	 * Returns whether every task came back with a success.
	 * @return {@code true} when nothing failed or was lost
	 */
	public boolean clean() {
		return this.failed == 0 && this.lost == 0 && this.succeeded == this.tasks;
	}

}
