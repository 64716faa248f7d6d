package io.azolla.spring.client.declarative;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.retry.RetryPolicy;

/**
 * Creates implementations of task client interfaces: each {@link TaskCall} method submits its
 * task through an {@link AzollaClient}, so submissions are checked, defaulted and observed
 * exactly like submissions made in code. Needs nothing but the client:
 * <pre class="code">
 * Orders orders = AzollaTaskClientFactory.of(client).createClient(Orders.class);
 * </pre>
 * Every method is checked when the implementation is created; a method that cannot be mapped
 * fails with an {@link InvalidTaskClientException} naming the interface and the method. The
 * factory and the implementations it creates are thread-safe.
 */
public final class AzollaTaskClientFactory {

	private static final TaskDefaults NO_DEFAULTS = TaskDefaults.of(RetryPolicy.builder().build());

	private final AzollaClient client;

	private final TaskDefaults taskDefaults;

	private final UnaryOperator<String> valueResolver;

	private AzollaTaskClientFactory(Builder builder) {
		this.client = builder.client;
		this.taskDefaults = builder.taskDefaults;
		this.valueResolver = builder.valueResolver;
	}

	/**
	 * Returns a factory for the given client with no further settings.
	 * @param client the client that submits the tasks
	 * @return the factory
	 */
	public static AzollaTaskClientFactory of(AzollaClient client) {
		return builder(client).build();
	}

	/**
	 * Starts building a factory.
	 * @param client the client that submits the tasks
	 * @return the builder
	 */
	public static Builder builder(AzollaClient client) {
		return new Builder(client);
	}

	/**
	 * Creates an implementation of a task client interface.
	 * @param <T> the interface type
	 * @param clientInterface the interface
	 * @return the implementation
	 * @throws InvalidTaskClientException if the type is not an interface or a method cannot be mapped
	 */
	public <T> T createClient(Class<T> clientInterface) {
		Objects.requireNonNull(clientInterface, "clientInterface");
		if (!clientInterface.isInterface() || clientInterface.isAnnotation()) {
			throw new InvalidTaskClientException(clientInterface, null, "only interfaces can be task clients");
		}
		Map<Method, TaskClientMethod> methods = new LinkedHashMap<>();
		for (Method method : clientInterface.getMethods()) {
			if (Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			if (method.isDefault()) {
				if (method.isAnnotationPresent(TaskCall.class)) {
					throw new InvalidTaskClientException(clientInterface, method,
							"a default method runs as written; remove @TaskCall or the method body");
				}
				continue;
			}
			methods.put(method,
					TaskClientMethod.of(clientInterface, method, this.taskDefaults, this.valueResolver));
		}
		Object proxy = Proxy.newProxyInstance(clientInterface.getClassLoader(), new Class<?>[] { clientInterface },
				new TaskClientInvocationHandler(clientInterface, this.client, methods));
		return clientInterface.cast(proxy);
	}

	/**
	 * Builds an {@link AzollaTaskClientFactory}.
	 */
	public static final class Builder {

		private final AzollaClient client;

		private TaskDefaults taskDefaults = NO_DEFAULTS;

		private UnaryOperator<String> valueResolver = UnaryOperator.identity();

		private Builder(AzollaClient client) {
			this.client = Objects.requireNonNull(client, "client");
		}

		/**
		 * Sets the per-task settings the client applies. They are consulted when an interface
		 * is created: a configured shepherd group wins over {@link TaskCall#shepherdGroup()},
		 * and a method that mixes positional and named arguments for a task configured to run
		 * on a Rust or Python worker is refused. Without them only the client applies them, on
		 * each submission.
		 * @param taskDefaults the same defaults the client uses
		 * @return this builder
		 */
		public Builder taskDefaults(TaskDefaults taskDefaults) {
			this.taskDefaults = Objects.requireNonNull(taskDefaults, "taskDefaults");
			return this;
		}

		/**
		 * Sets what resolves {@code ${...}} placeholders in annotation values; by default
		 * values are used as written.
		 * @param valueResolver the resolver
		 * @return this builder
		 */
		public Builder valueResolver(UnaryOperator<String> valueResolver) {
			this.valueResolver = Objects.requireNonNull(valueResolver, "valueResolver");
			return this;
		}

		/**
		 * Builds the factory.
		 * @return the factory
		 */
		public AzollaTaskClientFactory build() {
			return new AzollaTaskClientFactory(this);
		}

	}

}
