package io.azolla.spring.model;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The final outcome of a task: either a JSON value or a {@link TaskFailure}.
 * <p>
 * Values arrive in the form the orchestrator normalises them to: object keys sorted, numbers
 * as one numeric family. Read them as a tree with {@link #value()} or map them onto a Java type
 * with {@link #valueAs(Class)}.
 */
public final class TaskResult {

	private final String taskId;

	private final @Nullable JsonNode value;

	private final @Nullable TaskFailure failure;

	private final ObjectMapper mapper;

	private TaskResult(String taskId, @Nullable JsonNode value, @Nullable TaskFailure failure, ObjectMapper mapper) {
		this.taskId = Objects.requireNonNull(taskId, "taskId");
		this.value = value;
		this.failure = failure;
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Creates a successful result.
	 * @param taskId the task id
	 * @param value the result value ({@code null} is read as JSON null)
	 * @param mapper the mapper used by {@link #valueAs(Class)}
	 * @return the result
	 */
	public static TaskResult success(String taskId, @Nullable JsonNode value, ObjectMapper mapper) {
		return new TaskResult(taskId, (value != null) ? value : NullNode.getInstance(), null, mapper);
	}

	/**
	 * Creates a failed result.
	 * @param taskId the task id
	 * @param failure the error the task finished with
	 * @param mapper the mapper used to read the error data
	 * @return the result
	 */
	public static TaskResult failure(String taskId, TaskFailure failure, ObjectMapper mapper) {
		return new TaskResult(taskId, null, Objects.requireNonNull(failure, "failure"), mapper);
	}

	public String taskId() {
		return this.taskId;
	}

	/**
	 * Returns whether the task succeeded.
	 * @return {@code true} for a success
	 */
	public boolean isSuccess() {
		return this.failure == null;
	}

	/**
	 * Returns the error the task finished with.
	 * @return the failure, or empty for a success
	 */
	public Optional<TaskFailure> failure() {
		return Optional.ofNullable(this.failure);
	}

	/**
	 * Returns the result value as a JSON tree.
	 * @return the value; JSON null for tasks that return nothing
	 * @throws TaskFailedException if the task failed
	 */
	@SuppressWarnings("NullAway") // a success always has a value (JSON null at least)
	public JsonNode value() {
		if (this.failure != null) {
			throw new TaskFailedException(this.taskId, this.failure);
		}
		return this.value;
	}

	/**
	 * Maps the result value onto a Java type.
	 * @param <T> the target type
	 * @param type the target class
	 * @return the mapped value, {@code null} for a JSON null
	 * @throws TaskFailedException if the task failed
	 * @throws ResultMappingException if the value does not fit the type
	 */
	public <T> @Nullable T valueAs(Class<T> type) {
		JsonNode node = value();
		try {
			return this.mapper.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			throw new ResultMappingException(this.taskId, type.getTypeName(), ex);
		}
	}

	/**
	 * Maps the result value onto a generic Java type.
	 * @param <T> the target type
	 * @param type the target type reference
	 * @return the mapped value, {@code null} for a JSON null
	 * @throws TaskFailedException if the task failed
	 * @throws ResultMappingException if the value does not fit the type
	 */
	public <T> @Nullable T valueAs(TypeReference<T> type) {
		JsonNode node = value();
		try {
			return this.mapper.readerFor(type).readValue(node);
		}
		catch (JacksonException ex) {
			throw new ResultMappingException(this.taskId, type.getType().getTypeName(), ex);
		}
	}

	/**
	 * Maps the result value onto a type given by reflection, such as a method's generic return
	 * type ({@code List<Order>}).
	 * @param <T> the target type
	 * @param type the target type
	 * @return the mapped value, {@code null} for a JSON null unless the type is primitive
	 * @throws TaskFailedException if the task failed
	 * @throws ResultMappingException if the value does not fit the type, or is JSON null for a
	 * primitive type
	 */
	public <T> @Nullable T valueAs(java.lang.reflect.Type type) {
		JsonNode node = value();
		try {
			T mapped = this.mapper.treeToValue(node, this.mapper.getTypeFactory().constructType(type));
			if (mapped == null && type instanceof Class<?> raw && raw.isPrimitive()) {
				throw new ResultMappingException(this.taskId, type.getTypeName(),
						new IllegalArgumentException("the value is null"));
			}
			return mapped;
		}
		catch (JacksonException ex) {
			throw new ResultMappingException(this.taskId, type.getTypeName(), ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof TaskResult that)) {
			return false;
		}
		return this.taskId.equals(that.taskId) && Objects.equals(this.value, that.value)
				&& Objects.equals(this.failure, that.failure);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.taskId, this.value, this.failure);
	}

	@Override
	@SuppressWarnings("NullAway") // failure is set whenever isSuccess() is false
	public String toString() {
		// Never print the value: results may carry personal data.
		return "TaskResult[" + this.taskId + (isSuccess() ? ", success]" : ", failed: " + this.failure.type() + "]");
	}

}
