package io.azolla.spring.client.declarative;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskRequest;
import io.azolla.spring.client.TaskSubmission;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.support.AbstractTaskHandle;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that records each request and each wait and answers with a result chosen by the
 * test: no orchestrator, so the tests see exactly what a proxy sends and asks for.
 */
class RecordingAzollaClient implements AzollaClient {

	static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	final JsonMapper mapper = JsonMapper.builder().build();

	final List<TaskRequest> requests = new CopyOnWriteArrayList<>();

	/** The wait of each blocking or asynchronous wait, {@code null} for the default one. */
	final List<Duration> waits = new CopyOnWriteArrayList<>();

	final List<CompletableFuture<TaskResult>> futures = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile Function<TaskRequest, TaskResult> answer = (request) -> null;

	private volatile boolean neverFinish;

	void answerJson(String json) {
		this.answer = (request) -> TaskResult.success(id(), this.mapper.readTree(json), this.mapper);
	}

	void answerFailure(String type, String message, String dataJson) {
		this.answer = (request) -> TaskResult.failure(id(),
				new TaskFailure(type, message, this.mapper.readTree(dataJson), false), this.mapper);
	}

	void neverFinish() {
		this.neverFinish = true;
	}

	TaskRequest lastRequest() {
		return this.requests.get(this.requests.size() - 1);
	}

	private String id() {
		return "task-" + this.ids.get();
	}

	@Override
	public TaskSubmission submitTask(String taskName) {
		return new TaskSubmission(taskName, this.mapper, this::submit);
	}

	@Override
	public TaskHandle submit(TaskRequest request) {
		this.requests.add(request);
		String id = "task-" + this.ids.incrementAndGet();
		return new Handle(id, request);
	}

	@Override
	public TaskHandle taskHandle(String taskId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public String domain() {
		return "default";
	}

	private final class Handle extends AbstractTaskHandle {

		private final TaskRequest request;

		private Handle(String id, TaskRequest request) {
			super(id, request.taskName());
			this.request = request;
		}

		@Override
		public Optional<TaskResult> tryResult() {
			return Optional.empty();
		}

		@Override
		public CompletableFuture<TaskResult> resultAsync(Duration timeout) {
			waits.add(timeout);
			CompletableFuture<TaskResult> future = new CompletableFuture<>();
			futures.add(future);
			if (neverFinish) {
				return future;
			}
			TaskResult result = answer.apply(this.request);
			if (result == null) {
				future.completeExceptionally(new TaskWaitTimeoutException(taskName(), id(), timeout));
			}
			else {
				future.complete(result);
			}
			return future;
		}

		@Override
		protected Duration defaultWait() {
			return DEFAULT_WAIT;
		}

	}

}
