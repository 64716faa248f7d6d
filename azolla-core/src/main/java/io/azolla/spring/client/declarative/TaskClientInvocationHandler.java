package io.azolla.spring.client.declarative;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

import io.azolla.spring.client.AzollaClient;
import org.jspecify.annotations.Nullable;

/**
 * Dispatches the calls made on a task client proxy: {@link TaskCall} methods to their plans,
 * default methods to their bodies, and the {@link Object} methods to identity semantics.
 */
final class TaskClientInvocationHandler implements InvocationHandler {

	private static final Object[] NO_ARGUMENTS = {};

	private final Class<?> clientInterface;

	private final AzollaClient client;

	private final Map<Method, TaskClientMethod> methods;

	TaskClientInvocationHandler(Class<?> clientInterface, AzollaClient client, Map<Method, TaskClientMethod> methods) {
		this.clientInterface = clientInterface;
		this.client = client;
		this.methods = Map.copyOf(methods);
	}

	@Override
	@SuppressWarnings("NullAway") // equals(Object) always comes with its one argument
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				case "toString" -> "Azolla task client " + this.clientInterface.getName();
				default -> throw new UnsupportedOperationException(method.getName());
			};
		}
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		TaskClientMethod plan = this.methods.get(method);
		if (plan == null) {
			throw new IllegalStateException("No task mapping for " + method);
		}
		return plan.invoke(this.client, (args != null) ? args : NO_ARGUMENTS);
	}

}
