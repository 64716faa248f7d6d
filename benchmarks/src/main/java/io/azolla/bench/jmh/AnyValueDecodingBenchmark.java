package io.azolla.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.azolla.proto.common.AnyValue;
import io.azolla.spring.model.AnyValues;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decoding the {@code AnyValue} of a finished task into the JSON tree a client's
 * {@code TaskResult} holds, as the client does for every result it receives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnyValueDecodingBenchmark {

	private ObjectMapper mapper;

	private AnyValue integer;

	private AnyValue jsonObject;

	/**
	 * Prepares the wire values and checks once that they decode to what they should.
	 */
	@Setup
	public void setUp() {
		this.mapper = JsonMapper.builder().build();
		this.integer = AnyValue.newBuilder().setIntValue(42).build();
		this.jsonObject = AnyValue.newBuilder().setJsonValue(BenchModel.ORDER_JSON).build();
		if (integer().intValue() != 42 || !jsonObject().isObject()) {
			throw new IllegalStateException("decoding did not give the expected values");
		}
	}

	/**
	 * An {@code int_value}.
	 * @return the JSON value
	 */
	@Benchmark
	public JsonNode integer() {
		return AnyValues.decode(this.integer, this.mapper);
	}

	/**
	 * A {@code json_value} holding an order object with three lines.
	 * @return the JSON value
	 */
	@Benchmark
	public JsonNode jsonObject() {
		return AnyValues.decode(this.jsonObject, this.mapper);
	}

}
