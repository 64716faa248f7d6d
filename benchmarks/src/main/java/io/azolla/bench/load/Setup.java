package io.azolla.bench.load;

/**
 * One measurement the driver repeats every round: which shepherd group serves the tasks and
 * the load the tool puts on it.
 *
 * @param name the name in the report
 * @param group the shepherd group, which also names the shepherd that serves it
 * @param task the task name
 * @param argsJson the task's positional arguments
 * @param tasks measured tasks per round
 * @param concurrency concurrent submitters
 * @param maxInFlight the most unfinished tasks at once; {@code concurrency} makes a closed loop
 * @param warmup tasks run before each measurement
 * @param baseline the setup this one is divided by in the ratio table, or {@code null}
 */
record Setup(String name, String group, String task, String argsJson, int tasks, int concurrency, int maxInFlight,
		int warmup, String baseline) {

	static final String JAVA_SHEPHERD = "java-shepherd";

	static final String RUST_WORKER = "rust-worker";

	static final String JAVA_LAUNCHER = "java-launcher";

	/** The bench-only {@link NullShepherd}: the orchestrator's own ceiling. */
	static final String NULL_SHEPHERD = "null-shepherd";

}
