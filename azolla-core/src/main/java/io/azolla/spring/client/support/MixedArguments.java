package io.azolla.spring.client.support;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.WorkerRuntime;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The rule for a submission that carries both positional and named arguments. Only this
 * starter's workers bind such a task as meant; a Rust worker drops one kind (the named
 * arguments with the default parser, the positional ones with some task-specific parsers) and
 * the Python worker passes the named ones as one extra positional argument (all seen against
 * the real binaries, see {@code docs/e2e-findings.md}). So a mixed submission is refused for a task
 * configured to run on one of those, sent for a Java task, and sent with a one-time warning
 * when the task's worker is not configured.
 */
public final class MixedArguments {

	private static final Log logger = LogFactory.getLog(MixedArguments.class);

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	private MixedArguments() {
	}

	/**
	 * Applies the rule to a request whose argument texts already have the right shapes.
	 * @param request the request
	 * @param defaults the per-task settings that name the task's worker runtime
	 * @param mapper the parsing mapper
	 * @throws InvalidTaskRequestException if the request mixes both kinds of arguments and the
	 * task runs on a Rust or Python worker
	 */
	public static void check(TaskRequest request, TaskDefaults defaults, ObjectMapper mapper) {
		if (!isMixed(request, mapper)) {
			return;
		}
		String taskName = request.taskName();
		Optional<WorkerRuntime> runtime = defaults.workerRuntime(taskName);
		if (runtime.isEmpty()) {
			if (warned.add(taskName)) {
				logger.warn("Task '" + taskName + "' is submitted with both positional and named arguments. Only Java "
						+ "workers bind both: a Rust worker drops one kind (by default the named ones), a Python worker "
						+ "receives the named ones as one extra positional argument. Set azolla.tasks." + taskName + ".worker-runtime to java to "
						+ "silence this warning, or to rust or python to refuse such submissions.");
			}
			return;
		}
		switch (runtime.get()) {
			case JAVA -> {
			}
			case RUST -> throw new InvalidTaskRequestException(taskName, "it runs on a Rust worker "
					+ "(azolla.tasks." + taskName + ".worker-runtime), which drops one kind of arguments when both "
					+ "are present (by default the named ones); send only positional or only named arguments");
			case PYTHON -> throw new InvalidTaskRequestException(taskName, "it runs on a Python worker "
					+ "(azolla.tasks." + taskName + ".worker-runtime), which passes named arguments as one extra "
					+ "positional argument when positional ones are present; send only positional or only named arguments");
		}
	}

	/**
	 * Returns whether a request carries at least one positional and at least one named argument.
	 * {@code [null]} counts as a positional argument: both peers bind it as one.
	 * @param request the request
	 * @param mapper the parsing mapper
	 * @return {@code true} for a mixed request
	 */
	static boolean isMixed(TaskRequest request, ObjectMapper mapper) {
		String kwargs = request.kwargsJson().strip();
		String args = request.argsJson().strip();
		if (kwargs.equals("{}") || args.equals("[]")) {
			return false;
		}
		JsonNode kwargsTree = read(kwargs, mapper);
		JsonNode argsTree = read(args, mapper);
		return kwargsTree != null && kwargsTree.isObject() && !kwargsTree.isEmpty() && argsTree != null
				&& argsTree.isArray() && !argsTree.isEmpty();
	}

	private static @Nullable JsonNode read(String json, ObjectMapper mapper) {
		try {
			return mapper.readTree(json);
		}
		catch (JacksonException ex) {
			// The shape checks report malformed text; this rule only looks at well-formed requests.
			return null;
		}
	}

}
