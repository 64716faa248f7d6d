package io.azolla.spring.task;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.azolla.proto.common.ErrorResult;
import io.azolla.spring.model.AnyValues;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

/**
 * Runs registered tasks in the calling thread and returns their results exactly as a client
 * would receive them from the orchestrator, with no network involved: for tests and tools.
 * <p>
 * The value goes through the same encoding and normalisation as a real round trip (object keys
 * sorted, numbers as int64, uint64 or double, error data parsed leniently), so a test that
 * passes here sees what a remote client sees.
 *
 * <pre class="code">
 * TaskResult result = runner.execute("greet_user", "Alice", 25);
 * assertThat(result.valueAs(Greeting.class).text()).isEqualTo("Hello Alice");
 * </pre>
 */
public class LocalTaskRunner {

	private final TaskInvoker invoker;

	private final ObjectMapper mapper;

	private final ObjectWriter compactWriter;

	/**
	 * Creates a runner over a registry.
	 * @param registry the registered tasks
	 * @param mapper the application's JSON mapper
	 */
	public LocalTaskRunner(TaskRegistry registry, ObjectMapper mapper) {
		this(new TaskInvoker(registry, mapper), mapper);
	}

	/**
	 * Creates a runner over an invoker.
	 * @param invoker the invoker that runs tasks
	 * @param mapper the mapper that decodes values and writes arguments
	 */
	public LocalTaskRunner(TaskInvoker invoker, ObjectMapper mapper) {
		this.invoker = Objects.requireNonNull(invoker, "invoker");
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.compactWriter = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
	}

	/**
	 * Runs a task with positional arguments, sent as a JSON array like the client's
	 * {@code args(...)} does.
	 * @param taskName the task name
	 * @param args the positional arguments, {@code null} ones sent as JSON null; none, or a
	 * {@code null} array, sends {@code []}
	 * @return the result as a client sees it
	 */
	public TaskResult execute(String taskName, @Nullable Object @Nullable ... args) {
		List<@Nullable Object> positional = (args != null) ? Arrays.asList(args) : List.of();
		return executeJson(taskName, this.compactWriter.writeValueAsString(positional), "{}");
	}

	/**
	 * Runs a task with keyword arguments only.
	 * @param taskName the task name
	 * @param kwargs the keyword arguments
	 * @return the result as a client sees it
	 */
	public TaskResult executeNamed(String taskName, Map<String, ?> kwargs) {
		return executeJson(taskName, "[]", this.compactWriter.writeValueAsString(kwargs));
	}

	/**
	 * Runs a task with raw argument texts, exactly as the orchestrator would pass them on.
	 * Named differently from {@link #execute(String, Object...)} because a call with three
	 * strings would otherwise silently mean JSON texts instead of three arguments.
	 * @param taskName the task name
	 * @param argsJson the {@code args} JSON text
	 * @param kwargsJson the {@code kwargs} JSON text
	 * @return the result as a client sees it
	 */
	public TaskResult executeJson(String taskName, String argsJson, String kwargsJson) {
		String taskId = UUID.randomUUID().toString();
		return toClientResult(this.invoker.invoke(taskId, taskName, argsJson, kwargsJson), this.mapper);
	}

	/**
	 * Converts a wire result into the client's view of it, normalised as the orchestrator
	 * stores results.
	 * @param wire the result a worker produced
	 * @param mapper the mapper that parses JSON values
	 * @return the client result
	 */
	public static TaskResult toClientResult(io.azolla.proto.common.TaskResult wire, ObjectMapper mapper) {
		if (wire.hasError()) {
			ErrorResult error = wire.getError();
			TaskFailure failure = new TaskFailure(error.getType(), error.getMessage(),
					AnyValues.normalizeErrorData(error.getData(), mapper), error.getRetriable());
			return TaskResult.failure(wire.getTaskId(), failure, mapper);
		}
		return TaskResult.success(wire.getTaskId(),
				AnyValues.normalize(AnyValues.decode(wire.getSuccess().getResult(), mapper)), mapper);
	}

}
