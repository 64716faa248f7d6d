package io.azolla.spring.client.declarative;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a task client interface, or one of its methods, cannot be mapped to task
 * submissions; the message names the interface and the method.
 */
public class InvalidTaskClientException extends IllegalStateException {

	private final Class<?> clientInterface;

	private final @Nullable String methodName;

	InvalidTaskClientException(Class<?> clientInterface, @Nullable Method method, String problem) {
		super("Task client " + clientInterface.getName()
				+ ((method != null) ? ", method " + describe(method) : "") + ": " + problem);
		this.clientInterface = clientInterface;
		this.methodName = (method != null) ? method.getName() : null;
	}

	/**
	 * Returns the interface concerned.
	 * @return the interface
	 */
	public Class<?> getClientInterface() {
		return this.clientInterface;
	}

	/**
	 * Returns the name of the method concerned.
	 * @return the method name, or {@code null} when the interface itself is at fault
	 */
	public @Nullable String getMethodName() {
		return this.methodName;
	}

	private static String describe(Method method) {
		StringBuilder text = new StringBuilder(method.getName()).append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
