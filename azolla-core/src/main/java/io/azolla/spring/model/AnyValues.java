package io.azolla.spring.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

import io.azolla.proto.common.AnyValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between JSON values and the wire's {@link AnyValue}, and reproduces the
 * orchestrator's value normalisation.
 * <p>
 * Encoding follows the Rust worker: strings, integers, unsigned integers above the signed
 * range, doubles and booleans use their own variants; null, arrays and objects travel as
 * compact JSON text. Decoding accepts every variant and treats int, uint and double as one
 * numeric family.
 */
public final class AnyValues {


	private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private AnyValues() {
	}

	/**
	 * Decodes a wire value into a JSON tree.
	 * @param value the wire value
	 * @param mapper the mapper that parses {@code json_value} text
	 * @return the JSON value; invalid JSON text is kept as a JSON string, as the orchestrator does
	 */
	public static JsonNode decode(AnyValue value, ObjectMapper mapper) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> NODES.stringNode(value.getStringValue());
			case INT_VALUE -> NODES.numberNode(value.getIntValue());
			case UINT_VALUE -> unsigned(value.getUintValue());
			case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
			case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
			case JSON_VALUE -> parseLenient(value.getJsonValue(), mapper);
			case VALUE_NOT_SET -> NullNode.getInstance();
		};
	}

	/**
	 * Encodes a JSON value for the wire, the way the Rust worker does.
	 * @param value the value ({@code null} is JSON null)
	 * @param mapper the mapper that writes arrays and objects as compact JSON
	 * @return the wire value
	 */
	public static AnyValue encode(@Nullable JsonNode value, ObjectMapper mapper) {
		AnyValue.Builder wire = AnyValue.newBuilder();
		if (value == null || value.isNull() || value.isMissingNode()) {
			return wire.setJsonValue("null").build();
		}
		if (value.isString()) {
			return wire.setStringValue(value.stringValue()).build();
		}
		if (value.isBoolean()) {
			return wire.setBoolValue(value.booleanValue()).build();
		}
		if (value.isIntegralNumber()) {
			BigInteger integer = value.bigIntegerValue();
			if (integer.bitLength() < 64) {
				return wire.setIntValue(integer.longValue()).build();
			}
			if (integer.signum() > 0 && integer.compareTo(UINT64_MAX) <= 0) {
				return wire.setUintValue(integer.longValue()).build();
			}
			return wire.setDoubleValue(integer.doubleValue()).build();
		}
		if (value.isNumber()) {
			return wire.setDoubleValue(value.doubleValue()).build();
		}
		// Compact whatever the application's mapper is set to: the wire form is compact JSON.
		return wire.setJsonValue(mapper.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value))
			.build();
	}

	/**
	 * Returns the value the orchestrator would hand back to a client for a stored result: object
	 * keys sorted, integers as int64 or uint64 where they fit, other numbers as doubles, and
	 * non-finite doubles as 0.
	 * @param value the value a worker produced ({@code null} is JSON null)
	 * @return the normalised value
	 */
	public static JsonNode normalize(@Nullable JsonNode value) {
		if (value == null || value.isMissingNode() || value.isNull()) {
			return NullNode.getInstance();
		}
		if (value.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			value.properties().forEach((entry) -> sorted.put(entry.getKey(), normalize(entry.getValue())));
			ObjectNode object = NODES.objectNode();
			sorted.forEach(object::set);
			return object;
		}
		if (value.isArray()) {
			ArrayNode array = NODES.arrayNode();
			value.forEach((element) -> array.add(normalize(element)));
			return array;
		}
		if (value.isNumber()) {
			return normalizeNumber(value);
		}
		return value;
	}

	/**
	 * Returns what the orchestrator stores for an error's {@code data} text: the parsed JSON
	 * value, or the text as a JSON string when it is not valid JSON.
	 * @param data the data text a worker sent
	 * @param mapper the parsing mapper
	 * @return the normalised data
	 */
	public static JsonNode normalizeErrorData(String data, ObjectMapper mapper) {
		return normalize(parseLenient(data, mapper));
	}

	private static JsonNode normalizeNumber(JsonNode value) {
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
		double number = value.doubleValue();
		if (!Double.isFinite(number)) {
			return NODES.numberNode(0L);
		}
		if (value.isBigDecimal()) {
			return NODES.numberNode(new BigDecimal(value.decimalValue().toString()).doubleValue());
		}
		return NODES.numberNode(number);
	}

	private static JsonNode unsigned(long bits) {
		if (bits >= 0) {
			return NODES.numberNode(bits);
		}
		return NODES.numberNode(new BigInteger(Long.toUnsignedString(bits)));
	}

	private static JsonNode parseLenient(String text, ObjectMapper mapper) {
		try {
			JsonNode parsed = mapper.readTree(text);
			return (parsed == null || parsed.isMissingNode()) ? NODES.stringNode(text) : parsed;
		}
		catch (JacksonException ex) {
			return NODES.stringNode(text);
		}
	}

}
