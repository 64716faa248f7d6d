package io.azolla.spring.client.support;

import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.model.ArgumentJson;
import io.azolla.spring.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The checks and default resolution every {@link io.azolla.spring.client.AzollaClient}
 * applies to a {@link TaskRequest}, kept in one place so the embedded client refuses exactly
 * what the gRPC client refuses.
 */
public final class TaskRequests {

	private TaskRequests() {
	}

	/**
	 * Returns the task name of a request, refusing a blank one.
	 * @param request the request
	 * @return the task name
	 * @throws InvalidTaskRequestException if the name is blank
	 */
	public static String requireName(TaskRequest request) {
		String taskName = request.taskName();
		if (taskName.isBlank()) {
			throw new InvalidTaskRequestException(taskName, "the task name must not be blank");
		}
		return taskName;
	}

	/**
	 * Returns the retry policy of a request: its own, else the task's default.
	 * @param request the request
	 * @param defaults the per-task defaults
	 * @return the policy
	 */
	public static RetryPolicy retryPolicy(TaskRequest request, TaskDefaults defaults) {
		return (request.retryPolicy() != null) ? request.retryPolicy() : defaults.retryPolicy(request.taskName());
	}

	/**
	 * Returns the shepherd group of a request: its own, else the task's default.
	 * @param request the request
	 * @param defaults the per-task defaults
	 * @return the group, or {@code null} for the orchestrator's default group
	 * @throws InvalidTaskRequestException if the resolved group is empty; an unset group, not
	 * an empty one, asks for the default group
	 */
	public static @Nullable String shepherdGroup(TaskRequest request, TaskDefaults defaults) {
		String taskName = request.taskName();
		String group = (request.shepherdGroup() != null) ? request.shepherdGroup()
				: defaults.shepherdGroup(taskName).orElse(null);
		if (group != null && group.isEmpty()) {
			throw new InvalidTaskRequestException(taskName,
					"the shepherd group must not be empty; leave it unset for the default group");
		}
		return group;
	}

	/**
	 * Checks that JSON argument text has the shape every worker expects (see
	 * {@link ArgumentJson#shapeProblem}).
	 * @param taskName the task, for the message
	 * @param json the text
	 * @param array {@code true} for args (an array), {@code false} for kwargs (an object)
	 * @param mapper the parsing mapper
	 * @throws InvalidTaskRequestException naming the kind of value found, never the value
	 */
	public static void requireShape(String taskName, String json, boolean array, ObjectMapper mapper) {
		String problem = ArgumentJson.shapeProblem(json, array, mapper);
		if (problem != null) {
			throw new InvalidTaskRequestException(taskName, problem);
		}
	}

}
