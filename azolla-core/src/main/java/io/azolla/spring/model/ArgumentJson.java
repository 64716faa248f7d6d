package io.azolla.spring.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks of task argument text that the client side and the worker side share. Messages
 * never quote the text: task arguments may carry personal data.
 */
public final class ArgumentJson {

	private ArgumentJson() {
	}

	/**
	 * Describes where JSON text stops being valid, without quoting any of it.
	 * @param failure the parser's failure
	 * @return for example {@code "is not valid JSON (line 1, column 7)"}
	 */
	public static String describe(JacksonException failure) {
		TokenStreamLocation location = failure.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "is not valid JSON";
		}
		return "is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	/**
	 * Checks that argument text has the shape every worker expects: the Rust shepherd drops
	 * a task whose args are not an array, the Python worker rejects kwargs that are not an
	 * object.
	 * @param json the text
	 * @param array {@code true} for args (an array), {@code false} for kwargs (an object)
	 * @param mapper the parsing mapper
	 * @return what is wrong, naming the kind of value found but never the value, or
	 * {@code null} when the shape is right
	 */
	public static @Nullable String shapeProblem(String json, boolean array, ObjectMapper mapper) {
		String what = array ? "args" : "kwargs";
		JsonNode tree;
		try {
			tree = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			return what + " " + describe(ex);
		}
		if (tree == null || (array ? !tree.isArray() : !tree.isObject())) {
			return what + " must be a JSON " + (array ? "array" : "object") + ", not "
					+ ((tree != null) ? tree.getNodeType() : "nothing");
		}
		return null;
	}

}
