package io.azolla.spring.task;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.lang.Contract;

/**
 * The arguments of one task execution: positional arguments and keyword arguments as JSON,
 * with typed accessors that bind through the application's JSON mapper.
 * <p>
 * Created by {@link ArgumentBinder#parse(String, String, TaskContext)}, which has already
 * applied the interop rules: {@code []} and {@code [null]} both mean no positional arguments,
 * and kwargs is always a JSON object (empty when absent). Typed accessors throw
 * {@link TaskArgumentException}, which workers report as a non-retryable
 * {@code ValidationError}.
 */
public final class TaskArguments {

	private final List<JsonNode> positional;

	private final ObjectNode kwargs;

	private final TaskContext context;

	private final ValueReader reader;

	TaskArguments(List<JsonNode> positional, ObjectNode kwargs, TaskContext context, ValueReader reader) {
		this.positional = List.copyOf(positional);
		this.kwargs = kwargs;
		this.context = Objects.requireNonNull(context, "context");
		this.reader = reader;
	}

	/**
	 * Returns the positional arguments.
	 * @return the JSON values, in order; empty for {@code []} and {@code [null]}
	 */
	public List<JsonNode> positional() {
		return this.positional;
	}

	/**
	 * Returns the keyword arguments.
	 * @return a JSON object, empty when the client sent none (treat it as read-only)
	 */
	public JsonNode kwargs() {
		return this.kwargs;
	}

	/**
	 * Returns the number of positional arguments.
	 * @return the count
	 */
	public int size() {
		return this.positional.size();
	}

	/**
	 * Returns the execution context.
	 * @return the task id and name
	 */
	public TaskContext context() {
		return this.context;
	}

	/**
	 * Reads a positional argument.
	 * @param <T> the target type
	 * @param index the zero-based position
	 * @param type the target class
	 * @return the value, {@code null} for JSON null
	 * @throws TaskArgumentException if the argument is missing or has the wrong type
	 */
	public <T> @Nullable T get(int index, Class<T> type) {
		return cast(type, readPositional(index, type));
	}

	/**
	 * Reads a positional argument of a generic type, such as {@code List<Order>}.
	 * @param <T> the target type
	 * @param index the zero-based position
	 * @param type the target type
	 * @return the value, {@code null} for JSON null
	 * @throws TaskArgumentException if the argument is missing or has the wrong type
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(int index, TypeReference<T> type) {
		return (T) readPositional(index, type.getType());
	}

	/**
	 * Reads a named argument from kwargs or, when the only positional argument is a JSON
	 * object, from that object (the shape the Python and Rust clients send).
	 * @param <T> the target type
	 * @param name the argument name
	 * @param type the target class
	 * @return the value
	 * @throws TaskArgumentException if the argument is missing, JSON null or of the wrong type
	 */
	public <T> T get(String name, Class<T> type) {
		return find(name, type).orElseThrow(() -> missing(name, type));
	}

	/**
	 * Reads an optional named argument, looked up as in {@link #get(String, Class)}.
	 * @param <T> the target type
	 * @param name the argument name
	 * @param type the target class
	 * @return the value, empty when absent or JSON null
	 * @throws TaskArgumentException if the argument has the wrong type
	 */
	public <T> Optional<T> find(String name, Class<T> type) {
		JsonNode node = named(name);
		if (node == null || node.isNull()) {
			return Optional.empty();
		}
		return Optional.ofNullable(cast(type,
				this.reader.read(node, type, name, () -> "argument '" + name + "' (" + ValueReader.typeName(type) + ")")));
	}

	/**
	 * Binds all arguments to one type, the way the Rust worker does: the single positional
	 * argument when there is exactly one, the kwargs object when there are none, and the whole
	 * positional array otherwise (for list or tuple-like types).
	 * @param <T> the target type
	 * @param type the target class
	 * @return the bound value
	 * @throws TaskArgumentException if the arguments do not fit the type
	 */
	public <T> T bindTo(Class<T> type) {
		return cast(type, readWhole(type));
	}

	/**
	 * Binds all arguments to one generic type, as {@link #bindTo(Class)} does.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the bound value
	 * @throws TaskArgumentException if the arguments do not fit the type
	 */
	@SuppressWarnings("unchecked")
	public <T> T bindTo(TypeReference<T> type) {
		return (T) readWhole(type.getType());
	}

	private @Nullable Object readPositional(int index, Type type) {
		Supplier<String> subject = () -> "argument " + index + " (" + ValueReader.typeName(type) + ")";
		if (index < 0 || index >= this.positional.size()) {
			throw new TaskArgumentException(null,
					subject.get() + " is missing: the task received " + this.positional.size() + " positional arguments",
					null);
		}
		return this.reader.read(this.positional.get(index), type, null, subject);
	}

	@SuppressWarnings("NullAway") // never null: the whole is kwargs, an array or a non-null single argument
	private Object readWhole(Type type) {
		JsonNode whole;
		if (this.positional.size() == 1) {
			whole = this.positional.get(0);
		}
		else if (this.positional.isEmpty()) {
			whole = this.kwargs;
		}
		else {
			whole = this.kwargs.arrayNode().addAll(this.positional);
		}
		return this.reader.read(whole, type, null, () -> "arguments (" + ValueReader.typeName(type) + ")");
	}

	private @Nullable JsonNode named(String name) {
		JsonNode value = this.kwargs.get(name);
		if (value == null && this.positional.size() == 1 && this.positional.get(0).isObject()) {
			value = this.positional.get(0).get(name);
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	@Contract("_, null -> null; _, !null -> !null")
	private static <T> @Nullable T cast(Class<T> type, @Nullable Object value) {
		// Class.cast refuses boxed values for primitive classes such as int.class.
		return type.isPrimitive() ? (T) value : type.cast(value);
	}

	private static TaskArgumentException missing(String name, Class<?> type) {
		return new TaskArgumentException(name,
				"argument '" + name + "' (" + ValueReader.typeName(type) + ") is missing", null);
	}

}
