package io.azolla.spring.task;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.azolla.proto.common.AnyValue;
import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.SuccessResult;
import io.azolla.proto.common.TaskResult;
import io.azolla.spring.model.AnyValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what a task returned or threw into the wire's {@link TaskResult}, using the error
 * types and codes of the Rust and Python workers where the meaning is the same.
 * <p>
 * Error mapping:
 * <table>
 * <caption>Error results</caption>
 * <tr><th>situation</th><th>type</th><th>code</th><th>retriable</th></tr>
 * <tr><td>{@link TaskException}</td><td>its type ({@code TaskError})</td><td>its code
 * ({@code TASK_ERROR})</td><td>its flag (true)</td></tr>
 * <tr><td>{@link TaskValidationException}</td><td>{@code TaskValidationError}</td>
 * <td>{@code VALIDATION_ERROR}</td><td>false</td></tr>
 * <tr><td>{@link TaskTimeoutException}</td><td>{@code TaskTimeoutError}</td>
 * <td>{@code TIMEOUT_ERROR}</td><td>true</td></tr>
 * <tr><td>any other exception</td><td>its simple class name</td><td>{@code TASK_ERROR}</td>
 * <td>true</td></tr>
 * <tr><td>unknown task</td><td>{@code TaskNotFound}</td><td>{@code TASK_ERROR}</td>
 * <td>false</td></tr>
 * <tr><td>arguments that do not bind</td><td>{@code ValidationError}</td>
 * <td>{@code VALIDATION_ERROR}</td><td>false</td></tr>
 * <tr><td>a result the mapper cannot write</td><td>{@code ExecutionError}</td>
 * <td>{@code TASK_ERROR}</td><td>false</td></tr>
 * <tr><td>worker-side time limit exceeded</td><td>{@code TaskTimeoutError}</td>
 * <td>{@code TIMEOUT_ERROR}</td><td>true</td></tr>
 * <tr><td>execution interrupted</td><td>{@code TaskInterruptedError}</td>
 * <td>{@code INTERRUPTED}</td><td>true</td></tr>
 * </table>
 * The error {@code data} is always a compact JSON object: the user's data with {@code code}
 * set. Success values are encoded by {@link AnyValues#encode} after
 * {@link ObjectMapper#valueToTree(Object)}.
 */
public class TaskOutcomes {

	/** Error type of a task that no registered definition serves. */
	public static final String TASK_NOT_FOUND = "TaskNotFound";

	/** Error type of arguments that do not bind, as the Python worker names it. */
	public static final String VALIDATION_ERROR = "ValidationError";

	/** Error type of a task that ran out of time. */
	public static final String TIMEOUT_ERROR = "TaskTimeoutError";

	/** Error type of a task whose thread was interrupted, usually by a shutting-down worker. */
	public static final String INTERRUPTED_ERROR = "TaskInterruptedError";

	/** Error type of a result value that cannot be written as JSON, as the Rust worker names it. */
	public static final String EXECUTION_ERROR = "ExecutionError";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectMapper mapper;

	private final ObjectWriter compactWriter;

	/**
	 * Creates the encoder.
	 * @param mapper the application's JSON mapper
	 */
	public TaskOutcomes(ObjectMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		// An application may indent its JSON; error data on the wire stays compact regardless.
		this.compactWriter = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
	}

	/**
	 * Encodes a task's return value.
	 * @param value the value; {@code null} is JSON null
	 * @return the wire value
	 * @throws JacksonException if the mapper cannot convert the value
	 */
	public AnyValue encodeValue(@Nullable Object value) {
		JsonNode tree = (value != null) ? this.mapper.valueToTree(value) : NullNode.getInstance();
		return AnyValues.encode(tree, this.mapper);
	}

	/**
	 * Creates a success result, or an {@code ExecutionError} when the value cannot be encoded.
	 * @param taskId the task id
	 * @param value the task's return value; {@code null} is JSON null
	 * @return the wire result
	 */
	public TaskResult success(String taskId, @Nullable Object value) {
		AnyValue encoded;
		try {
			encoded = encodeValue(value);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return result(taskId, error(EXECUTION_ERROR,
					"The result cannot be written as JSON: " + ex.getClass().getSimpleName(), "TASK_ERROR", null,
					false));
		}
		return TaskResult.newBuilder()
			.setTaskId(taskId)
			.setSuccess(SuccessResult.newBuilder().setResult(encoded))
			.build();
	}

	/**
	 * Creates the error result for an exception a task threw.
	 * @param taskId the task id
	 * @param failure the exception, already unwrapped from reflection and futures
	 * @return the wire result
	 */
	public TaskResult failure(String taskId, Throwable failure) {
		return result(taskId, error(failure));
	}

	/**
	 * Maps an exception a task threw to an error.
	 * @param failure the exception
	 * @return the wire error
	 */
	public ErrorResult error(Throwable failure) {
		if (failure instanceof TaskException task) {
			return error(task.getType(), messageOf(task), task.getCode(), task.getData(), task.isRetryable());
		}
		return error(failure.getClass().getSimpleName(), messageOf(failure), "TASK_ERROR", null, true);
	}

	/**
	 * Creates the result for a task name no definition serves.
	 * @param taskId the task id
	 * @param taskName the requested name
	 * @return the wire result
	 */
	public TaskResult taskNotFound(String taskId, String taskName) {
		return result(taskId, error(TASK_NOT_FOUND, "No task registered under the name '" + taskName + "'",
				"TASK_ERROR", Map.of("task_name", String.valueOf(taskName)), false));
	}

	/**
	 * Creates the result for arguments that do not bind.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @param failure the binding failure, whose message names the parameter
	 * @return the wire result
	 */
	public TaskResult invalidArguments(String taskId, String taskName, TaskArgumentException failure) {
		return result(taskId, error(VALIDATION_ERROR,
				"Invalid arguments for task '" + taskName + "': " + failure.getMessage(), "VALIDATION_ERROR", null,
				false));
	}

	/**
	 * Creates the result a worker reports when a task exceeds its execution limit.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @param limit the limit that was exceeded
	 * @return the wire result
	 */
	public TaskResult timedOut(String taskId, String taskName, Duration limit) {
		return result(taskId, error(TIMEOUT_ERROR,
				"Task '" + taskName + "' did not finish within " + format(limit), "TIMEOUT_ERROR",
				timeoutData(taskName, limit), true));
	}

	/**
	 * Creates the result for a task whose thread was interrupted.
	 * @param taskId the task id
	 * @param taskName the task name
	 * @return the wire result
	 */
	public TaskResult interrupted(String taskId, String taskName) {
		return result(taskId, error(INTERRUPTED_ERROR, "Task '" + taskName + "' was interrupted before it finished",
				"INTERRUPTED", null, true));
	}

	private static Map<String, Object> timeoutData(String taskName, Duration limit) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("task_name", taskName);
		data.put("timeout_ms", limit.toMillis());
		return data;
	}

	private ErrorResult error(String type, String message, String code, @Nullable Object data,
			boolean retriable) {
		return ErrorResult.newBuilder()
			.setType(type)
			.setMessage(message)
			.setData(dataText(code, data))
			.setRetriable(retriable)
			.build();
	}

	private String dataText(String code, @Nullable Object data) {
		ObjectNode object = NODES.objectNode();
		object.put("code", code);
		JsonNode extra = toTree(data);
		if (extra != null && extra.isObject()) {
			extra.properties().forEach((entry) -> {
				if (!entry.getKey().equals("code")) {
					object.set(entry.getKey(), entry.getValue());
				}
			});
		}
		return this.compactWriter.writeValueAsString(object);
	}

	private @Nullable JsonNode toTree(@Nullable Object data) {
		if (data == null) {
			return null;
		}
		try {
			return this.mapper.valueToTree(data);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// Unwritable extra data must not hide the error itself; the code still travels.
			return null;
		}
	}

	private static TaskResult result(String taskId, ErrorResult error) {
		return TaskResult.newBuilder().setTaskId(taskId).setError(error).build();
	}

	private static String messageOf(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getName();
	}

	private static String format(Duration limit) {
		long millis = limit.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
