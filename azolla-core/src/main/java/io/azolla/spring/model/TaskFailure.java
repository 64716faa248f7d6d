package io.azolla.spring.model;

import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The error a task finished with, as the orchestrator reports it after the last attempt.
 *
 * @param type the error type the worker reported; retry rules match on it
 * @param message the human-readable message
 * @param data structured error data, usually a JSON object with a {@code code} entry
 * @param retriable the worker's advisory flag (the orchestrator itself decides retries by type)
 */
public record TaskFailure(String type, String message, JsonNode data, boolean retriable) {

	public TaskFailure {
		Objects.requireNonNull(type, "type");
		message = (message != null) ? message : "";
		data = (data != null) ? data : JsonNodeFactory.instance.objectNode();
	}

	/**
	 * Returns the {@code code} entry of the data object, as the Rust and Python workers set it.
	 * @return the error code, if the data carries one
	 */
	public Optional<String> code() {
		JsonNode code = this.data.get("code");
		return (code != null && code.isString()) ? Optional.of(code.stringValue()) : Optional.empty();
	}

	@Override
	public String toString() {
		return this.type + ": " + this.message;
	}

}
