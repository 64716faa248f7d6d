package io.azolla.spring.task;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads one JSON argument as a Java type and turns Jackson's failures into
 * {@link TaskArgumentException}s that describe the problem without quoting the value.
 */
final class ValueReader {

	private static final Pattern PACKAGE_PREFIX = Pattern.compile("(?:[\\w]+\\.)+");

	private final ObjectMapper mapper;

	ValueReader(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Reads a value; the subject (what the value is, for the message) is only built when
	 * reading fails, since this runs once per argument of every task.
	 */
	@Nullable Object read(JsonNode node, Type type, @Nullable String parameterName, Supplier<String> subject) {
		try {
			return this.mapper.treeToValue(node, this.mapper.constructType(type));
		}
		catch (JacksonException ex) {
			throw new TaskArgumentException(parameterName, subject.get() + " " + describe(node, ex), ex);
		}
	}

	static String typeName(Type type) {
		// Package names make messages long without helping anyone find the parameter.
		return PACKAGE_PREFIX.matcher(type.getTypeName()).replaceAll("").replace('$', '.');
	}

	private static String describe(JsonNode node, JacksonException ex) {
		String path = path(ex.getPath());
		JsonNode culprit = path.isEmpty() ? node : locate(node, ex.getPath());
		StringBuilder reason = new StringBuilder("cannot be read from ");
		reason.append(kind(culprit));
		if (!path.isEmpty()) {
			reason.append(" at '").append(path).append('\'');
		}
		if (ex instanceof UnrecognizedPropertyException unknown) {
			reason.append(": unknown property '").append(unknown.getPropertyName()).append('\'');
		}
		else if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
				&& !path.isEmpty()) {
			reason.append(": expected ").append(typeName(mismatch.getTargetType()));
		}
		return reason.toString();
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static @Nullable JsonNode locate(JsonNode node, List<JacksonException.Reference> references) {
		JsonNode current = node;
		for (JacksonException.Reference reference : references) {
			if (current == null) {
				return null;
			}
			current = (reference.getPropertyName() != null) ? current.get(reference.getPropertyName())
					: current.get(reference.getIndex());
		}
		return current;
	}

	private static String kind(@Nullable JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "a missing value";
		}
		return switch (node.getNodeType()) {
			case ARRAY -> "a JSON array";
			case OBJECT -> "a JSON object";
			case STRING -> "a JSON string";
			case NUMBER -> "a JSON number";
			case BOOLEAN -> "a JSON boolean";
			case NULL -> "JSON null";
			default -> "a JSON value";
		};
	}

}
