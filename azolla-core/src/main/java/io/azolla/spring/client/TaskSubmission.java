package io.azolla.spring.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.azolla.spring.model.ArgumentJson;
import io.azolla.spring.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds one task submission. Not thread-safe; use one builder per submission.
 * <p>
 * Positional arguments become a JSON array, in order; {@code args()} with nothing sends
 * {@code []}. Named arguments become a JSON object, {@code {}} when unset. Unset retry policy
 * and shepherd group fall back to the task's configured defaults.
 */
public final class TaskSubmission {

	private final String taskName;

	private final ObjectMapper mapper;

	private final Function<TaskRequest, TaskHandle> submitter;

	private List<@Nullable Object> args = List.of();

	private @Nullable String argsJson;

	private @Nullable Object kwargs;

	private @Nullable String kwargsJson;

	private @Nullable RetryPolicy retryPolicy;

	private @Nullable String shepherdGroup;

	/**
	 * Creates a builder; client implementations call this.
	 * @param taskName the task name
	 * @param mapper the mapper that encodes arguments
	 * @param submitter what {@link #submit()} hands the finished request to
	 */
	public TaskSubmission(String taskName, ObjectMapper mapper, Function<TaskRequest, TaskHandle> submitter) {
		this.taskName = taskName;
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.submitter = Objects.requireNonNull(submitter, "submitter");
	}

	/**
	 * Sets the positional arguments; each becomes one element of the JSON array. A list passed
	 * as the only argument stays one argument.
	 * @param args values Jackson can serialise, {@code null} ones sent as JSON null; a {@code null}
	 * array sends {@code []}
	 * @return this builder
	 */
	public TaskSubmission args(@Nullable Object @Nullable ... args) {
		this.args = (args != null) ? new ArrayList<>(Arrays.asList(args)) : List.of();
		this.argsJson = null;
		return this;
	}

	/**
	 * Sets the positional arguments as raw JSON array text, sent unchanged.
	 * @param json a JSON array, such as {@code ["Alice",25]}, or {@code null} to send the
	 * {@link #args(Object...) arguments} instead
	 * @return this builder
	 */
	public TaskSubmission argsJson(@Nullable String json) {
		this.argsJson = json;
		return this;
	}

	/**
	 * Sets the named arguments.
	 * @param kwargs a map, record or bean that serialises to a JSON object, or {@code null} for none
	 * @return this builder
	 */
	public TaskSubmission kwargs(@Nullable Object kwargs) {
		this.kwargs = kwargs;
		this.kwargsJson = null;
		return this;
	}

	/**
	 * Sets the named arguments as raw JSON object text, sent unchanged.
	 * @param json a JSON object, or {@code null} to send the {@link #kwargs(Object) named
	 * arguments} instead
	 * @return this builder
	 */
	public TaskSubmission kwargsJson(@Nullable String json) {
		this.kwargsJson = json;
		return this;
	}

	/**
	 * Sets the retry policy for this task, replacing the configured one.
	 * @param retryPolicy the policy, or {@code null} for the task's configured one
	 * @return this builder
	 */
	public TaskSubmission retryPolicy(@Nullable RetryPolicy retryPolicy) {
		this.retryPolicy = retryPolicy;
		return this;
	}

	/**
	 * Sets the shepherd group that may run the task; an empty group is refused, because the
	 * orchestrator would treat it as a group literally named "".
	 * @param shepherdGroup the group, or {@code null} for the task's configured one
	 * @return this builder
	 */
	public TaskSubmission shepherdGroup(@Nullable String shepherdGroup) {
		this.shepherdGroup = shepherdGroup;
		return this;
	}

	/**
	 * Encodes the request and creates the task.
	 * @return the handle of the created task
	 * @throws InvalidTaskRequestException if the request is malformed; nothing was sent
	 */
	public TaskHandle submit() {
		return this.submitter.apply(toRequest());
	}

	/**
	 * Encodes and checks the request without sending it.
	 * @return the request
	 * @throws InvalidTaskRequestException if the request is malformed
	 */
	public TaskRequest toRequest() {
		if (this.taskName == null || this.taskName.isBlank()) {
			throw new InvalidTaskRequestException(String.valueOf(this.taskName), "the task name must not be blank");
		}
		if (this.shepherdGroup != null && this.shepherdGroup.isEmpty()) {
			throw new InvalidTaskRequestException(this.taskName,
					"the shepherd group must not be empty; leave it unset for the default group");
		}
		return new TaskRequest(this.taskName, encodeArgs(), encodeKwargs(), this.retryPolicy, this.shepherdGroup);
	}

	private void requireShape(String json, boolean array) {
		String problem = ArgumentJson.shapeProblem(json, array, this.mapper);
		if (problem != null) {
			throw new InvalidTaskRequestException(this.taskName, problem);
		}
	}

	private String encodeArgs() {
		if (this.argsJson != null) {
			requireShape(this.argsJson, true);
			return this.argsJson;
		}
		return write(this.args, "arguments");
	}

	private String encodeKwargs() {
		if (this.kwargsJson != null) {
			requireShape(this.kwargsJson, false);
			return this.kwargsJson;
		}
		if (this.kwargs == null) {
			return "{}";
		}
		JsonNode tree = toTree(this.kwargs);
		if (!tree.isObject()) {
			throw new InvalidTaskRequestException(this.taskName,
					"kwargs must serialise to a JSON object, not " + tree.getNodeType());
		}
		return write(tree, "kwargs");
	}

	private JsonNode toTree(Object value) {
		try {
			return this.mapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new InvalidTaskRequestException(this.taskName, "kwargs cannot be serialised: " + ex.getOriginalMessage(), ex);
		}
	}

	private String write(Object value, String what) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new InvalidTaskRequestException(this.taskName, what + " cannot be serialised: " + ex.getOriginalMessage(), ex);
		}
	}

}
