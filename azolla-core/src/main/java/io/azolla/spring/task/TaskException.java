package io.azolla.spring.task;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Thrown by a task to report an error with a chosen type, code, data and retry advice.
 * <p>
 * The error {@code type} is what the orchestrator's retry rules match on; the {@code code}
 * travels in the error data object, as the Rust and Python workers put it. Defaults: type
 * {@code TaskError}, code {@code TASK_ERROR}, retryable.
 *
 * <pre class="code">
 * throw new TaskException("Mailbox full").type("MailboxFull").code("MAILBOX_FULL")
 *         .data(Map.of("mailbox", address)).retryable(false);
 * </pre>
 */
public class TaskException extends RuntimeException {

	private String type;

	private String code;

	private @Nullable Object data;

	private boolean retryable;

	/**
	 * Creates an exception with the default type, code and retry advice.
	 * @param message the message reported to the client
	 */
	public TaskException(String message) {
		this(message, null);
	}

	/**
	 * Creates an exception with the default type, code and retry advice.
	 * @param message the message reported to the client
	 * @param cause the underlying cause (never sent over the wire), may be {@code null}
	 */
	public TaskException(String message, @Nullable Throwable cause) {
		this(message, cause, "TaskError", "TASK_ERROR", true);
	}

	/**
	 * Creates an exception with the defaults a subclass stands for.
	 * @param message the message reported to the client
	 * @param cause the underlying cause, may be {@code null}
	 * @param type the default error type
	 * @param code the default error code
	 * @param retryable the default retry advice
	 */
	protected TaskException(String message, @Nullable Throwable cause, String type, String code, boolean retryable) {
		super(message, cause);
		this.type = requireText(type, "type");
		this.code = requireText(code, "code");
		this.retryable = retryable;
	}

	/**
	 * Sets the error type that retry rules match on.
	 * @param type a non-empty type name
	 * @return this exception
	 */
	public TaskException type(String type) {
		this.type = requireText(type, "type");
		return this;
	}

	/**
	 * Sets the error code placed in the data object under {@code code}.
	 * @param code a non-empty code
	 * @return this exception
	 */
	public TaskException code(String code) {
		this.code = requireText(code, "code");
		return this;
	}

	/**
	 * Sets structured error data; a {@code code} entry in it is replaced by {@link #getCode()}.
	 * @param data the entries, serialised with the application's JSON mapper, or {@code null}
	 * for none
	 * @return this exception
	 */
	public TaskException data(@Nullable Map<String, ?> data) {
		this.data = data;
		return this;
	}

	/**
	 * Sets structured error data; a {@code code} entry in it is replaced by {@link #getCode()}.
	 * @param data a JSON object, or {@code null} for none
	 * @return this exception
	 * @throws IllegalArgumentException if the node is not a JSON object, because error data
	 * always travels as an object that carries the code
	 */
	public TaskException data(@Nullable JsonNode data) {
		if (data != null && !data.isNull() && !data.isObject()) {
			throw new IllegalArgumentException("Task error data must be a JSON object, not " + data.getNodeType());
		}
		this.data = data;
		return this;
	}

	/**
	 * Sets the advisory retry flag. The orchestrator decides retries by error type only, so a
	 * non-retryable error should also use a type the retry policy excludes.
	 * @param retryable whether a retry may succeed
	 * @return this exception
	 */
	public TaskException retryable(boolean retryable) {
		this.retryable = retryable;
		return this;
	}

	/**
	 * Returns the error type.
	 * @return the type
	 */
	public String getType() {
		return this.type;
	}

	/**
	 * Returns the error code.
	 * @return the code
	 */
	public String getCode() {
		return this.code;
	}

	/**
	 * Returns the structured error data.
	 * @return a {@code Map} or {@code JsonNode}, or {@code null} when none was set
	 */
	public @Nullable Object getData() {
		return this.data;
	}

	/**
	 * Returns the advisory retry flag.
	 * @return whether a retry may succeed
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	private static String requireText(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Task error " + what + " must not be empty");
		}
		return value;
	}

}
