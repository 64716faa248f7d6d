package io.azolla.spring.task;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds a task's JSON {@code args} and {@code kwargs}, exactly as the orchestrator sends them,
 * to the parameters of a task method.
 * <p>
 * Rules, chosen to accept what the Rust and Python clients send:
 * <ul>
 * <li>{@code []} and {@code [null]} mean no positional arguments; blank text or JSON
 * {@code null} also does, for args and kwargs alike.</li>
 * <li>A JSON array binds by position.</li>
 * <li>When kwargs is empty and the array holds exactly one JSON object, that object binds by
 * parameter name if the method has several (or no) parameters, or one parameter that is not
 * itself an object type; records, POJOs, {@code Map}, {@code Object} and {@code JsonNode}
 * are object types, so for those the object binds to the parameter whole.</li>
 * <li>Non-empty kwargs bind by name; positional arguments bind first and kwargs fill the
 * parameters that remain.</li>
 * <li>A parameter of type {@link TaskContext} is injected and takes no argument.</li>
 * <li>A missing {@code Optional<T>} parameter becomes {@code Optional.empty()}, a missing
 * parameter annotated with any annotation named {@code Nullable} becomes {@code null}; any
 * other missing parameter is an error, as are surplus positional arguments, names that match
 * no parameter, a parameter given both by position and by name, and JSON null for a
 * primitive.</li>
 * </ul>
 * Values are read with the application's mapper against the generic parameter type, so
 * {@code List<Order>} and {@code Map<String, Integer>} bind element by element. Every failure
 * is a {@link TaskArgumentException}. Named binding needs parameter names, so compile with
 * {@code -parameters} (Spring Boot's build plugins do).
 */
class ArgumentBinder {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectMapper mapper;

	private final ValueReader reader;

	/**
	 * Creates a binder that reads values with the given mapper.
	 * @param mapper the application's JSON mapper
	 */
	public ArgumentBinder(ObjectMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.reader = new ValueReader(mapper);
	}

	/**
	 * Parses the raw argument texts and checks their shapes.
	 * @param argsJson the {@code args} JSON text (an array)
	 * @param kwargsJson the {@code kwargs} JSON text (an object)
	 * @param context the execution context
	 * @return the parsed arguments
	 * @throws TaskArgumentException if either text is not valid JSON or has the wrong shape
	 */
	public TaskArguments parse(String argsJson, String kwargsJson, TaskContext context) {
		JsonNode args = readJson(argsJson, "args");
		JsonNode kwargs = readJson(kwargsJson, "kwargs");
		if (!args.isNull() && !args.isArray()) {
			throw new TaskArgumentException("args must be a JSON array, not " + article(args));
		}
		if (!kwargs.isNull() && !kwargs.isObject()) {
			throw new TaskArgumentException("kwargs must be a JSON object, not " + article(kwargs));
		}
		List<JsonNode> positional = new ArrayList<>();
		args.forEach(positional::add);
		if (positional.size() == 1 && positional.get(0).isNull()) {
			// The Python client sends [null] when it has nothing to pass, and Rust does for ().
			positional.clear();
		}
		ObjectNode named = kwargs.isObject() ? (ObjectNode) kwargs : NODES.objectNode();
		return new TaskArguments(positional, named, context, this.reader);
	}

	/**
	 * Binds the raw argument texts to a method's parameters.
	 * @param method the task method
	 * @param argsJson the {@code args} JSON text
	 * @param kwargsJson the {@code kwargs} JSON text
	 * @param context the execution context, injected into {@link TaskContext} parameters
	 * @return the values to invoke the method with
	 * @throws TaskArgumentException if the arguments do not fit the method
	 */
	public @Nullable Object[] bind(Method method, String argsJson, String kwargsJson, TaskContext context) {
		return bind(method, parse(argsJson, kwargsJson, context));
	}

	/**
	 * Binds parsed arguments to a method's parameters.
	 * @param method the task method
	 * @param arguments the parsed arguments
	 * @return the values to invoke the method with
	 * @throws TaskArgumentException if the arguments do not fit the method
	 */
	public @Nullable Object[] bind(Method method, TaskArguments arguments) {
		Parameter[] parameters = method.getParameters();
		@Nullable Object[] values = new @Nullable Object[parameters.length];
		List<Integer> bindable = new ArrayList<>();
		for (int i = 0; i < parameters.length; i++) {
			if (parameters[i].getType() == TaskContext.class) {
				values[i] = arguments.context();
			}
			else {
				bindable.add(i);
			}
		}
		List<JsonNode> positional = arguments.positional();
		JsonNode named = arguments.kwargs();
		if (named.isEmpty() && positional.size() == 1 && positional.get(0).isObject()
				&& bindsObjectByName(parameters, bindable)) {
			named = positional.get(0);
			positional = List.of();
		}
		if (positional.size() > bindable.size()) {
			throw new TaskArgumentException("too many positional arguments: the task takes " + bindable.size()
					+ " but received " + positional.size());
		}
		Set<String> used = new HashSet<>();
		for (int k = 0; k < bindable.size(); k++) {
			Parameter parameter = parameters[bindable.get(k)];
			JsonNode byName = named.isEmpty() ? null : named.get(name(parameter));
			if (byName != null) {
				used.add(name(parameter));
			}
			if (k < positional.size()) {
				if (byName != null) {
					throw new TaskArgumentException(name(parameter),
							describe(parameter) + " is given both by position and by name", null);
				}
				values[bindable.get(k)] = convert(parameter, positional.get(k));
			}
			else {
				values[bindable.get(k)] = (byName != null) ? convert(parameter, byName) : absent(parameter);
			}
		}
		rejectUnknownNames(named, used);
		return values;
	}

	private boolean bindsObjectByName(Parameter[] parameters, List<Integer> bindable) {
		return bindable.size() != 1 || !isObjectType(valueType(parameters[bindable.get(0)]));
	}

	private @Nullable Object convert(Parameter parameter, JsonNode node) {
		boolean optional = parameter.getType() == Optional.class;
		if (node.isNull()) {
			if (parameter.getType().isPrimitive()) {
				throw new TaskArgumentException(name(parameter), describe(parameter) + " must not be null", null);
			}
			return optional ? Optional.empty() : null;
		}
		Object value = this.reader.read(node, valueType(parameter), name(parameter), () -> describe(parameter));
		return optional ? Optional.ofNullable(value) : value;
	}

	private @Nullable Object absent(Parameter parameter) {
		if (parameter.getType() == Optional.class) {
			return Optional.empty();
		}
		if (isNullable(parameter)) {
			return null;
		}
		String hint = parameter.isNamePresent() ? "" : " (parameter names are unavailable: compile with -parameters)";
		throw new TaskArgumentException(name(parameter), describe(parameter) + " is missing" + hint, null);
	}

	private void rejectUnknownNames(JsonNode named, Set<String> used) {
		Set<String> unknown = new TreeSet<>();
		for (Map.Entry<String, JsonNode> entry : named.properties()) {
			if (!used.contains(entry.getKey())) {
				unknown.add(entry.getKey());
			}
		}
		if (!unknown.isEmpty()) {
			String names = String.join("', '", unknown);
			throw new TaskArgumentException("no parameter is named '" + names + "'");
		}
	}

	private JsonNode readJson(String text, String what) {
		if (text == null || text.isBlank()) {
			return NODES.nullNode();
		}
		try {
			JsonNode node = this.mapper.readTree(text);
			return (node == null || node.isMissingNode()) ? NODES.nullNode() : node;
		}
		catch (JacksonException ex) {
			throw new TaskArgumentException(null, what + " is not valid JSON", ex);
		}
	}

	private static Type valueType(Parameter parameter) {
		Type type = parameter.getParameterizedType();
		if (parameter.getType() == Optional.class) {
			return (type instanceof ParameterizedType generic) ? generic.getActualTypeArguments()[0] : Object.class;
		}
		return type;
	}

	static boolean isObjectType(Type type) {
		Class<?> raw = rawClass(type);
		if (raw == Object.class || Map.class.isAssignableFrom(raw) || raw == JsonNode.class
				|| ObjectNode.class.isAssignableFrom(raw)) {
			return true;
		}
		if (raw.isPrimitive() || raw.isArray() || raw.isEnum() || Iterable.class.isAssignableFrom(raw)
				|| JsonNode.class.isAssignableFrom(raw)) {
			return false;
		}
		// JDK value types (String, numbers, java.time, UUID, ...) read from scalars, not objects.
		String name = raw.getName();
		return !(name.startsWith("java.") || name.startsWith("javax."));
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
			return raw;
		}
		return Object.class;
	}

	static boolean isNullable(Parameter parameter) {
		return hasNullable(parameter.getAnnotations()) || hasNullable(parameter.getAnnotatedType().getAnnotations());
	}

	private static boolean hasNullable(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		return false;
	}

	private static String name(Parameter parameter) {
		return parameter.getName();
	}

	private static String describe(Parameter parameter) {
		return "parameter '" + parameter.getName() + "' (" + ValueReader.typeName(parameter.getParameterizedType())
				+ ")";
	}

	private static String article(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT -> "an object";
			case ARRAY -> "an array";
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
		};
	}

}
