package io.azolla.sample.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.azolla.sample.client.InvalidOrderException;
import io.azolla.sample.client.SampleTasks;
import io.azolla.sample.flow.FlowService;
import io.azolla.sample.tasks.OrderTasks.Order;
import io.azolla.sample.tasks.OrderTasks.Quote;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.model.TaskResult;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Submits tasks over HTTP and answers with their outcome.
 */
@RestController
public class TaskController {

	private final AzollaClient client;

	private final FlowService flows;

	private final SampleTasks tasks;

	public TaskController(AzollaClient client, FlowService flows, SampleTasks tasks) {
		this.client = client;
		this.flows = flows;
		this.tasks = tasks;
	}

	/**
	 * Submits a task and waits for it.
	 * @param name the task name
	 * @param request the arguments and how long to wait
	 * @return the outcome
	 */
	@PostMapping("/api/tasks/{name}")
	public TaskView submit(@PathVariable String name, @RequestBody(required = false) SubmitRequest request) {
		SubmitRequest body = (request != null) ? request : new SubmitRequest(null, null, null);
		TaskHandle handle = this.client.submitTask(name)
			.args((body.args() != null) ? body.args().toArray() : new Object[0])
			.kwargs((body.kwargs() != null) ? body.kwargs() : Map.of())
			.submit();
		return TaskView.of(handle.await(Duration.ofSeconds((body.waitSeconds() != null) ? body.waitSeconds() : 30)));
	}

	/**
	 * Prices an order through the {@link SampleTasks} interface.
	 * @param order the order
	 * @return the quote; an order the task rejects is answered with 400
	 */
	@PostMapping("/api/orders/quote")
	public Quote quote(@RequestBody Order order) {
		return this.tasks.price(order);
	}

	/**
	 * Runs the linear flow: sum, then scale by 10, then by 2.
	 * @param values the numbers
	 * @return the result
	 */
	@GetMapping("/api/flows/linear")
	public Map<String, Object> linear(@RequestParam List<Long> values) {
		return Map.of("flow", "linear", "result", this.flows.linear(values).join());
	}

	/**
	 * Runs the diamond flow: sum, scale by 2 and by 3 in parallel, add both.
	 * @param values the numbers
	 * @return the result
	 */
	@GetMapping("/api/flows/diamond")
	public Map<String, Object> diamond(@RequestParam List<Long> values) {
		return Map.of("flow", "diamond", "result", this.flows.diamond(values).join());
	}

	@ExceptionHandler(InvalidOrderException.class)
	ResponseEntity<Map<String, Object>> invalidOrder(InvalidOrderException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", "invalid order", "message", ex.getMessage()));
	}

	@ExceptionHandler(TaskWaitTimeoutException.class)
	ResponseEntity<Map<String, Object>> stillRunning(TaskWaitTimeoutException ex) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("taskId", ex.getTaskId(), "status", "running"));
	}

	/**
	 * The body of a submission.
	 * @param args positional arguments
	 * @param kwargs named arguments
	 * @param waitSeconds how long to wait for the result
	 */
	public record SubmitRequest(List<Object> args, Map<String, Object> kwargs, Integer waitSeconds) {
	}

	/**
	 * A task outcome as JSON.
	 * @param taskId the task id
	 * @param status "succeeded" or "failed"
	 * @param value the result value of a success
	 * @param error the error of a failure
	 */
	public record TaskView(String taskId, String status, JsonNode value, ErrorView error) {

		static TaskView of(TaskResult result) {
			return result.failure()
				.map((failure) -> new TaskView(result.taskId(), "failed", null,
						new ErrorView(failure.type(), failure.message(), failure.data(), failure.retriable())))
				.orElseGet(() -> new TaskView(result.taskId(), "succeeded", result.value(), null));
		}

	}

	/**
	 * A task error as JSON.
	 * @param type the error type
	 * @param message the message
	 * @param data the error data
	 * @param retriable the worker's retriable flag
	 */
	public record ErrorView(String type, String message, JsonNode data, boolean retriable) {
	}

}
