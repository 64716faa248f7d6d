package io.azolla.spring.worker.invocation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.azolla.spring.model.ArgumentJson;
import io.azolla.spring.worker.TaskIds;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One task as a shepherd hands it to a worker process on the command line: {@code --task-id},
 * {@code --name}, {@code --args}, {@code --kwargs} and {@code --shepherd-endpoint}, each flag
 * and value as separate arguments (the {@code --flag=value} form is accepted too). Other
 * arguments, such as Spring Boot's own, are left alone.
 *
 * @param taskId the task id
 * @param taskName the task name
 * @param argsJson the positional arguments, a JSON array
 * @param kwargsJson the named arguments, a JSON object
 * @param shepherdEndpoint the shepherd's worker service, {@code http://host:port}, or
 * {@code https://host:port} for TLS
 */
record InvocationRequest(String taskId, String taskName, String argsJson, String kwargsJson,
		URI shepherdEndpoint) {

	static final String TASK_ID = "--task-id";

	/**
	 * Parses and checks an invocation.
	 * @param argv the command line
	 * @param mapper the mapper that checks the JSON arguments
	 * @return the request
	 * @throws InvalidInvocationException naming what is wrong, with the task id and endpoint
	 * when they could be read, so the failure can still be reported
	 */
	public static InvocationRequest parse(String[] argv, ObjectMapper mapper) {
		Map<String, String> flags = flags(argv);
		String taskId = flags.get(TASK_ID);
		URI endpoint = endpoint(flags.get("--shepherd-endpoint"));
		String validId = (taskId != null && TaskIds.isUuid(taskId)) ? taskId : null;
		if (taskId == null || taskId.isBlank()) {
			throw new InvalidInvocationException("--task-id is missing", null, endpoint);
		}
		if (validId == null) {
			throw new InvalidInvocationException("--task-id '" + taskId + "' is not a UUID", null, endpoint);
		}
		if (endpoint == null) {
			throw new InvalidInvocationException("--shepherd-endpoint is missing or not an http://host:port URL", validId,
					null);
		}
		String name = flags.get("--name");
		if (name == null || name.isBlank()) {
			throw new InvalidInvocationException("--name is missing", validId, endpoint);
		}
		String args = orDefault(flags.get("--args"), "[]");
		String kwargs = orDefault(flags.get("--kwargs"), "{}");
		requireJson(args, true, "--args", validId, endpoint, mapper);
		requireJson(kwargs, false, "--kwargs", validId, endpoint, mapper);
		return new InvocationRequest(validId, name, args, kwargs, endpoint);
	}

	private static Map<String, String> flags(String[] argv) {
		Map<String, String> flags = new LinkedHashMap<>();
		for (int i = 0; i < argv.length; i++) {
			String arg = argv[i];
			for (String flag : new String[] { TASK_ID, "--name", "--args", "--kwargs", "--shepherd-endpoint" }) {
				if (arg.equals(flag) && i + 1 < argv.length) {
					flags.put(flag, argv[++i]);
				}
				else if (arg.startsWith(flag + "=")) {
					flags.put(flag, arg.substring(flag.length() + 1));
				}
			}
		}
		return flags;
	}

	private static @Nullable URI endpoint(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			URI uri = URI.create(value.trim());
			boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
			return (http && uri.getHost() != null && uri.getPort() > 0) ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void requireJson(String json, boolean array, String flag, String taskId, @Nullable URI endpoint,
			ObjectMapper mapper) {
		JsonNode tree;
		try {
			tree = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidInvocationException(flag + " " + ArgumentJson.describe(ex), taskId, endpoint);
		}
		if (tree == null || (array ? !(tree.isArray() || tree.isNull()) : !(tree.isObject() || tree.isNull()))) {
			throw new InvalidInvocationException(flag + " must be a JSON " + (array ? "array" : "object"), taskId,
					endpoint);
		}
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
