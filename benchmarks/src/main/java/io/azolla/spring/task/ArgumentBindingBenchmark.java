package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.azolla.bench.jmh.BenchModel;
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
 * Binding the JSON {@code args} text a worker receives to a task method's parameters, from
 * text to the {@code Object[]} the method is invoked with, as a worker does per task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ArgumentBindingBenchmark {

	private static final String SCALARS_JSON = "[\"Alice\",25,true]";

	private final TaskContext context = new TaskContext("00000000-0000-4000-8000-000000000000", "bench");

	private ArgumentBinder binder;

	private Method greet;

	private Method price;

	private Method count;

	private String orderArgs;

	private String linesArgs;

	/**
	 * Prepares the binder and the methods, and checks once that each binding succeeds so a
	 * benchmark never measures the error path.
	 * @throws NoSuchMethodException never
	 */
	@Setup
	public void setUp() throws NoSuchMethodException {
		this.binder = new ArgumentBinder(JsonMapper.builder().build());
		this.greet = BenchModel.Tasks.class.getMethod("greet", String.class, int.class, boolean.class);
		this.price = BenchModel.Tasks.class.getMethod("price", BenchModel.Order.class);
		this.count = BenchModel.Tasks.class.getMethod("count", List.class);
		this.orderArgs = "[" + BenchModel.ORDER_JSON + "]";
		this.linesArgs = "[" + BenchModel.LINES_JSON + "]";
		check(positionalScalars()[0].equals("Alice"), "scalars");
		check(singleRecord()[0] instanceof BenchModel.Order, "record");
		check(((List<?>) listOfRecords()[0]).get(9) instanceof BenchModel.Line, "list of records");
	}

	/**
	 * {@code ["Alice",25,true]} to {@code (String, int, boolean)}.
	 * @return the bound values
	 */
	@Benchmark
	public Object[] positionalScalars() {
		return this.binder.bind(this.greet, SCALARS_JSON, "{}", this.context);
	}

	/**
	 * One JSON object (an order with three lines) to a record parameter.
	 * @return the bound values
	 */
	@Benchmark
	public Object[] singleRecord() {
		return this.binder.bind(this.price, this.orderArgs, "{}", this.context);
	}

	/**
	 * A JSON array of ten objects to a {@code List<Line>} parameter.
	 * @return the bound values
	 */
	@Benchmark
	public Object[] listOfRecords() {
		return this.binder.bind(this.count, this.linesArgs, "{}", this.context);
	}

	private static void check(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("binding " + what + " did not give the expected value");
		}
	}

}
