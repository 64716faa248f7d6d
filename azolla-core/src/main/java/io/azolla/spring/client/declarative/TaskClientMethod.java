package io.azolla.spring.client.declarative;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskSubmission;
import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.Durations;
import io.azolla.spring.task.TaskContext;
import org.jspecify.annotations.Nullable;

/**
 * The plan of one {@link TaskCall} method, worked out and checked once when the proxy is
 * created: which task it submits, what each parameter becomes, the method's group and wait,
 * and how the result is returned.
 */
final class TaskClientMethod {

	private final String taskName;

	private final Role[] roles;

	private final @Nullable String shepherdGroup;

	private final @Nullable Duration waitTimeout;

	private final ResultAdapter result;

	private TaskClientMethod(String taskName, Role[] roles, @Nullable String shepherdGroup,
			@Nullable Duration waitTimeout, ResultAdapter result) {
		this.taskName = taskName;
		this.roles = roles;
		this.shepherdGroup = shepherdGroup;
		this.waitTimeout = waitTimeout;
		this.result = result;
	}

	static TaskClientMethod of(Class<?> clientInterface, Method method, TaskDefaults defaults,
			UnaryOperator<String> resolver) {
		if (method.isAnnotationPresent(AzollaTask.class)) {
			throw new InvalidTaskClientException(clientInterface, method,
					"@AzollaTask marks a method a worker executes; a task client method needs @TaskCall");
		}
		TaskCall call = method.getAnnotation(TaskCall.class);
		if (call == null) {
			throw new InvalidTaskClientException(clientInterface, method,
					"has no @TaskCall; annotate it with the task to submit, or give it a default body");
		}
		if (method.getTypeParameters().length > 0) {
			throw new InvalidTaskClientException(clientInterface, method,
					"a generic method cannot say which type to read the result as; declare a concrete return type");
		}
		String taskName = taskName(clientInterface, method, call);
		Role[] roles = roles(clientInterface, method, call);
		checkMixedArguments(clientInterface, method, roles, taskName, defaults);
		return new TaskClientMethod(taskName, roles, shepherdGroup(call, taskName, defaults, resolver),
				waitTimeout(clientInterface, method, call, resolver),
				ResultAdapter.of(clientInterface, method, ErrorMapper.of(clientInterface, method)));
	}

	/**
	 * Submits the task for one call and returns what the method's return type asks for.
	 */
	@Nullable Object invoke(AzollaClient client, @Nullable Object[] args) throws Exception {
		List<@Nullable Object> positional = new ArrayList<>();
		Map<String, Object> named = new LinkedHashMap<>();
		TaskCallOptions options = TaskCallOptions.none();
		for (int i = 0; i < this.roles.length; i++) {
			Role role = this.roles[i];
			Object value = args[i];
			switch (role.kind()) {
				case POSITIONAL -> positional.add(value);
				case NAMED -> {
					// Left out when absent, so a default on the worker's side applies.
					if (value != null && !(value instanceof Optional<?> optional && optional.isEmpty())) {
						named.put(role.name(), value);
					}
				}
				case OPTIONS -> {
					if (value != null) {
						options = (TaskCallOptions) value;
					}
				}
			}
		}
		TaskSubmission submission = client.submitTask(this.taskName).args(positional.toArray());
		if (!named.isEmpty()) {
			submission.kwargs(named);
		}
		String group = (options.getShepherdGroup() != null) ? options.getShepherdGroup() : this.shepherdGroup;
		if (group != null) {
			submission.shepherdGroup(group);
		}
		if (options.getRetryPolicy() != null) {
			submission.retryPolicy(options.getRetryPolicy());
		}
		TaskHandle handle = submission.submit();
		Duration wait = (options.getWaitTimeout() != null) ? options.getWaitTimeout() : this.waitTimeout;
		return this.result.adapt(handle, wait);
	}

	String taskName() {
		return this.taskName;
	}

	private static String taskName(Class<?> clientInterface, Method method, TaskCall call) {
		String value = call.value().strip();
		String name = call.name().strip();
		if (!value.isEmpty() && !name.isEmpty() && !value.equals(name)) {
			throw new InvalidTaskClientException(clientInterface, method,
					"@TaskCall names two tasks, '" + value + "' and '" + name + "'");
		}
		String taskName = !value.isEmpty() ? value : name;
		return !taskName.isEmpty() ? taskName : method.getName();
	}

	private static Role[] roles(Class<?> clientInterface, Method method, TaskCall call) {
		Parameter[] parameters = method.getParameters();
		Role[] roles = new Role[parameters.length];
		Set<String> names = new HashSet<>();
		boolean options = false;
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			TaskParam param = parameter.getAnnotation(TaskParam.class);
			if (parameter.getType() == TaskCallOptions.class) {
				if (options) {
					throw new InvalidTaskClientException(clientInterface, method,
							"has more than one TaskCallOptions parameter");
				}
				if (param != null) {
					throw new InvalidTaskClientException(clientInterface, method,
							"the TaskCallOptions parameter is not sent to the task and cannot carry @TaskParam");
				}
				options = true;
				roles[i] = Role.OPTIONS;
			}
			else if (TaskContext.class.isAssignableFrom(parameter.getType())) {
				throw new InvalidTaskClientException(clientInterface, method,
						"parameter " + (i + 1) + " is a TaskContext, which only a worker's task method receives");
			}
			else if (param != null || call.arguments() == ArgumentStyle.NAMED) {
				String name = argumentName(clientInterface, method, parameter, param, i);
				if (!names.add(name)) {
					throw new InvalidTaskClientException(clientInterface, method,
							"two parameters are sent under the name '" + name + "'");
				}
				roles[i] = new Role(RoleKind.NAMED, name);
			}
			else {
				roles[i] = Role.POSITIONAL;
			}
		}
		return roles;
	}

	private static String argumentName(Class<?> clientInterface, Method method, Parameter parameter,
			@Nullable TaskParam param, int index) {
		if (param != null && !param.value().isBlank()) {
			return param.value().strip();
		}
		if (!parameter.isNamePresent()) {
			throw new InvalidTaskClientException(clientInterface, method, "parameter " + (index + 1)
					+ " is sent by name but its name was not compiled in; compile with -parameters or use @TaskParam(\"name\")");
		}
		return parameter.getName();
	}

	private static void checkMixedArguments(Class<?> clientInterface, Method method, Role[] roles, String taskName,
			TaskDefaults defaults) {
		boolean positional = false;
		boolean named = false;
		for (Role role : roles) {
			positional |= role.kind() == RoleKind.POSITIONAL;
			named |= role.kind() == RoleKind.NAMED;
		}
		if (!positional || !named) {
			return;
		}
		Optional<WorkerRuntime> runtime = defaults.workerRuntime(taskName);
		if (runtime.isPresent() && runtime.get() != WorkerRuntime.JAVA) {
			throw new InvalidTaskClientException(clientInterface, method, "sends positional and named arguments to task '"
					+ taskName + "', which runs on a " + runtime.get().name().toLowerCase(Locale.ROOT)
					+ " worker (azolla.tasks." + taskName + ".worker-runtime) that would bind them wrongly; "
					+ "send all parameters by position or all by name");
		}
	}

	private static @Nullable String shepherdGroup(TaskCall call, String taskName, TaskDefaults defaults,
			UnaryOperator<String> resolver) {
		if (call.shepherdGroup().isEmpty() || defaults.shepherdGroup(taskName).isPresent()) {
			// The task's configured group wins over the annotation, as properties do elsewhere.
			return null;
		}
		String group = resolver.apply(call.shepherdGroup());
		return (group != null && !group.isEmpty()) ? group : null;
	}

	private static @Nullable Duration waitTimeout(Class<?> clientInterface, Method method, TaskCall call,
			UnaryOperator<String> resolver) {
		if (call.waitTimeout().isBlank()) {
			return null;
		}
		String text = resolver.apply(call.waitTimeout());
		if (text == null) {
			// A placeholder that resolves to nothing leaves the wait unset, as for the group.
			return null;
		}
		try {
			Duration wait = Durations.parse(text);
			if (wait.isNegative()) {
				throw new IllegalArgumentException("the wait must not be negative");
			}
			return wait;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTaskClientException(clientInterface, method,
					"invalid waitTimeout '" + text + "': " + ex.getMessage());
		}
	}

	private enum RoleKind {

		POSITIONAL, NAMED, OPTIONS

	}

	private record Role(RoleKind kind, @Nullable String name) {

		static final Role POSITIONAL = new Role(RoleKind.POSITIONAL, null);

		static final Role OPTIONS = new Role(RoleKind.OPTIONS, null);

	}

}
