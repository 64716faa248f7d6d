package io.azolla.spring.test;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The orchestrator's value handling, rebuilt from its observable rules (protocol notes §2.2):
 * what it stores for a worker's value, and the wire form it answers with. Kept apart from the
 * starter's own decoding on purpose, so tests of the starter against the stand-in compare two
 * independent implementations.
 * <ul>
 * <li>A worker's value is turned into JSON: strings, integers, unsigned integers and booleans
 * as such, non-finite doubles as the integer 0, {@code json_value} text parsed (or kept as a
 * JSON string when it does not parse), a missing value as null.</li>
 * <li>JSON is answered as: a string as {@code string_value}, an integer in the signed 64-bit
 * range as {@code int_value}, above it up to the unsigned maximum as {@code uint_value}, any
 * other number as {@code double_value}, a boolean as {@code bool_value}, and null, arrays and
 * objects as compact {@code json_value} text with object keys sorted.</li>
 * </ul>
 */
final class OrchestratorValues {

	private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private OrchestratorValues() {
	}

	static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Parses JSON text the way the orchestrator does, failing on anything that is not one JSON
	 * value.
	 * @throws IllegalArgumentException with the parser's message
	 */
	static JsonNode parseStrict(String text) {
		try {
			JsonNode parsed = MAPPER.readTree(text);
			if (parsed == null || parsed.isMissingNode()) {
				throw new IllegalArgumentException("EOF while parsing a value");
			}
			return canonical(parsed);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Parses JSON text, or keeps it as a JSON string when it is not valid JSON.
	 */
	static JsonNode parseLenient(String text) {
		try {
			return parseStrict(text);
		}
		catch (IllegalArgumentException ex) {
			return NODES.stringNode(text);
		}
	}

	/**
	 * Returns the stored form of a worker's success value.
	 */
	static JsonNode fromWire(@Nullable AnyValue value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		return switch (value.getValueCase()) {
			case STRING_VALUE -> NODES.stringNode(value.getStringValue());
			case INT_VALUE -> NODES.numberNode(value.getIntValue());
			case UINT_VALUE -> (value.getUintValue() >= 0) ? NODES.numberNode(value.getUintValue())
					: NODES.numberNode(new BigInteger(Long.toUnsignedString(value.getUintValue())));
			case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? NODES.numberNode(value.getDoubleValue())
					: NODES.numberNode(0L);
			case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
			case JSON_VALUE -> parseLenient(value.getJsonValue());
			case VALUE_NOT_SET -> NullNode.getInstance();
		};
	}

	/**
	 * Returns the wire form the orchestrator answers a stored value with.
	 */
	static AnyValue toWire(JsonNode value) {
		AnyValue.Builder wire = AnyValue.newBuilder();
		if (value.isString()) {
			return wire.setStringValue(value.stringValue()).build();
		}
		if (value.isBoolean()) {
			return wire.setBoolValue(value.booleanValue()).build();
		}
		if (value.isIntegralNumber()) {
			BigInteger integer = value.bigIntegerValue();
			return (integer.bitLength() < 64) ? wire.setIntValue(integer.longValue()).build()
					: wire.setUintValue(integer.longValue()).build();
		}
		if (value.isNumber()) {
			return wire.setDoubleValue(value.doubleValue()).build();
		}
		return wire.setJsonValue(compact(value)).build();
	}

	/**
	 * Returns the stored form of a worker's error: type, message and the retriable flag as
	 * sent, {@code data} parsed leniently.
	 */
	static ErrorResult normalizeError(ErrorResult error) {
		return ErrorResult.newBuilder()
			.setType(error.getType())
			.setMessage(error.getMessage())
			.setData(compact(parseLenient(error.getData())))
			.setRetriable(error.getRetriable())
			.build();
	}

	/**
	 * Writes a value as compact JSON with object keys sorted.
	 */
	static String compact(JsonNode value) {
		return MAPPER.writeValueAsString(canonical(value));
	}

	/**
	 * Returns the value as the orchestrator holds it: object keys sorted, integers as signed or
	 * unsigned 64-bit where they fit and as doubles beyond, every other number as a double.
	 */
	static JsonNode canonical(JsonNode value) {
		if (value == null || value.isMissingNode()) {
			return NullNode.getInstance();
		}
		if (value.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			value.properties().forEach((entry) -> sorted.put(entry.getKey(), canonical(entry.getValue())));
			ObjectNode object = NODES.objectNode();
			sorted.forEach(object::set);
			return object;
		}
		if (value.isArray()) {
			ArrayNode array = NODES.arrayNode();
			value.forEach((element) -> array.add(canonical(element)));
			return array;
		}
		if (value.isIntegralNumber()) {
			BigInteger integer = value.bigIntegerValue();
			if (integer.bitLength() < 64) {
				return NODES.numberNode(integer.longValue());
			}
			if (integer.signum() > 0 && integer.compareTo(UINT64_MAX) <= 0) {
				return NODES.numberNode(integer);
			}
			return NODES.numberNode(integer.doubleValue());
		}
		if (value.isNumber()) {
			return NODES.numberNode(value.doubleValue());
		}
		return value;
	}

}
