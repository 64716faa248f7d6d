package io.azolla.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskOutcomes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turning a task's return value into the wire {@code TaskResult} a worker reports: Jackson's
 * tree conversion, {@code AnyValues.encode} and the protobuf build, as one step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ResultEncodingBenchmark {

	private static final String TASK_ID = "00000000-0000-4000-8000-000000000000";

	private TaskOutcomes outcomes;

	private BenchModel.Order order;

	private List<BenchModel.Line> lines;

	/**
	 * Prepares the encoder and values, and checks once that each encodes as a success.
	 */
	@Setup
	public void setUp() {
		this.outcomes = new TaskOutcomes(JsonMapper.builder().build());
		this.order = BenchModel.order();
		this.lines = BenchModel.lines();
		for (TaskResult result : List.of(string(), record(), listOfRecords())) {
			if (!result.hasSuccess()) {
				throw new IllegalStateException("encoding failed: " + result.getError().getMessage());
			}
		}
	}

	/**
	 * A short string, which travels as {@code string_value}.
	 * @return the wire result
	 */
	@Benchmark
	public TaskResult string() {
		return this.outcomes.success(TASK_ID, "Hello Alice, you are 25");
	}

	/**
	 * A record with a nested list of three records, which travels as {@code json_value} text.
	 * @return the wire result
	 */
	@Benchmark
	public TaskResult record() {
		return this.outcomes.success(TASK_ID, this.order);
	}

	/**
	 * A list of ten records, which travels as {@code json_value} text.
	 * @return the wire result
	 */
	@Benchmark
	public TaskResult listOfRecords() {
		return this.outcomes.success(TASK_ID, this.lines);
	}

}
