package io.azolla.spring.task;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A registered task: its name, optional execution limit, a human-readable source for messages,
 * and how to run it. Immutable; the {@code with...} methods return copies.
 */
public final class TaskDefinition {

	private final String name;

	private final @Nullable Duration timeout;

	private final String source;

	private final Body body;

	private final @Nullable Method method;

	private TaskDefinition(String name, @Nullable Duration timeout, String source, Body body,
			@Nullable Method method) {
		this.name = requireName(name);
		this.timeout = checkTimeout(timeout);
		this.source = Objects.requireNonNull(source, "source");
		this.body = body;
		this.method = method;
	}

	/**
	 * Defines a task that calls a method on a target object.
	 * @param name the task name
	 * @param target the object to invoke on, or {@code null} for a static method
	 * @param method the method, whose parameters drive argument binding
	 * @return the definition, with a source naming the method
	 */
	public static TaskDefinition forMethod(String name, @Nullable Object target, Method method) {
		return forMethod(name, target, method, method);
	}

	/**
	 * Defines a task whose parameters are read from one method and which is invoked through
	 * another, for example the interface method of a JDK proxy so that advice applies.
	 * @param name the task name
	 * @param target the object to invoke on, or {@code null} for a static method
	 * @param method the declared method, whose parameter names and annotations drive binding
	 * @param invocableMethod the method to invoke on the target, with the same parameter types
	 * @return the definition, with a source naming the method
	 */
	public static TaskDefinition forMethod(String name, @Nullable Object target, Method method,
			Method invocableMethod) {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(invocableMethod, "invocableMethod");
		if (!Arrays.equals(method.getParameterTypes(), invocableMethod.getParameterTypes())) {
			throw new IllegalArgumentException("Methods " + method + " and " + invocableMethod
					+ " do not have the same parameter types");
		}
		if (target == null && !Modifier.isStatic(invocableMethod.getModifiers())) {
			throw new IllegalArgumentException("Method " + invocableMethod + " needs a target object");
		}
		// Task classes are often package-private, as Spring components may be.
		invocableMethod.setAccessible(true);
		Body body = (binder, arguments) -> invoke(target, invocableMethod, binder.bind(method, arguments));
		return new TaskDefinition(name, null, "method " + describe(method), body, method);
	}

	/**
	 * Defines a task served by a handler object, under the handler's name and timeout.
	 * @param handler the handler
	 * @param source a human-readable origin, such as {@code bean 'resizeImage'}
	 * @return the definition
	 */
	public static TaskDefinition forHandler(AzollaTaskHandler handler, String source) {
		Objects.requireNonNull(handler, "handler");
		Body body = (binder, arguments) -> handler.execute(arguments);
		return new TaskDefinition(handler.name(), handler.timeout().orElse(null), source, body, null);
	}

	/**
	 * Returns a copy with another execution limit.
	 * @param timeout a positive limit, or {@code null} for the worker's default
	 * @return the copy
	 */
	public TaskDefinition withTimeout(@Nullable Duration timeout) {
		return new TaskDefinition(this.name, timeout, this.source, this.body, this.method);
	}

	/**
	 * Returns a copy with another source description.
	 * @param source a human-readable origin, such as {@code bean 'mailTasks' method send(String)}
	 * @return the copy
	 */
	public TaskDefinition withSource(String source) {
		return new TaskDefinition(this.name, this.timeout, source, this.body, this.method);
	}

	/**
	 * Returns the task name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the worker-side execution limit.
	 * @return the limit, or empty for the worker's default
	 */
	public Optional<Duration> timeout() {
		return Optional.ofNullable(this.timeout);
	}

	/**
	 * Returns where the task comes from, for messages.
	 * @return the description
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Returns the declared task method.
	 * @return the method, or empty for a handler task
	 */
	public Optional<Method> method() {
		return Optional.ofNullable(this.method);
	}

	/**
	 * Binds the arguments and runs the task.
	 * @param binder the binder for method parameters
	 * @param arguments the parsed arguments
	 * @return what the task returned
	 * @throws Exception what the task threw, unwrapped from reflection
	 */
	@Nullable Object execute(ArgumentBinder binder, TaskArguments arguments) throws Exception {
		return this.body.execute(binder, arguments);
	}

	/**
	 * Describes a method as {@code name(ParamType, ParamType)}, for task sources.
	 * @param method the method
	 * @return the description
	 */
	public static String describe(Method method) {
		return Arrays.stream(method.getGenericParameterTypes())
			.map(ValueReader::typeName)
			.collect(Collectors.joining(", ", method.getName() + "(", ")"));
	}

	@Override
	public String toString() {
		return "TaskDefinition[" + this.name + " from " + this.source + "]";
	}

	private static @Nullable Object invoke(@Nullable Object target, Method method, @Nullable Object[] values)
			throws Exception {
		try {
			return method.invoke(target, values);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private static String requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Task name must not be empty");
		}
		return name;
	}

	private static @Nullable Duration checkTimeout(@Nullable Duration timeout) {
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("Task timeout must be positive, not " + timeout);
		}
		return timeout;
	}

	@FunctionalInterface
	private interface Body {

		@Nullable Object execute(ArgumentBinder binder, TaskArguments arguments) throws Exception;

	}

}
