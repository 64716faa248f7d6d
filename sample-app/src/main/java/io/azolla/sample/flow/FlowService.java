package io.azolla.sample.flow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskResult;

import org.springframework.stereotype.Service;

/**
 * Composes tasks into small flows with {@link CompletableFuture}: each step is a task, and a
 * step starts when the results it needs have arrived. No thread waits while a task runs.
 */
@Service
public class FlowService {

	private static final Duration STEP_WAIT = Duration.ofSeconds(30);

	private final AzollaClient client;

	public FlowService(AzollaClient client) {
		this.client = client;
	}

	/**
	 * A linear flow: sum the values, scale the sum by 10, then by 2.
	 * @param values the numbers
	 * @return the final value
	 */
	public CompletableFuture<Long> linear(List<Long> values) {
		return run("sum", values).thenCompose((sum) -> run("scale", sum, 10L))
			.thenCompose((scaled) -> run("scale", scaled, 2L));
	}

	/**
	 * A diamond: sum the values, scale the sum by 2 and by 3 in parallel, then add both.
	 * @param values the numbers
	 * @return the final value
	 */
	public CompletableFuture<Long> diamond(List<Long> values) {
		CompletableFuture<Long> top = run("sum", values);
		CompletableFuture<Long> left = top.thenCompose((sum) -> run("scale", sum, 2L));
		CompletableFuture<Long> right = top.thenCompose((sum) -> run("scale", sum, 3L));
		return left.thenCombine(right, List::of).thenCompose((both) -> run("sum", both));
	}

	private CompletableFuture<Long> run(String task, Object... args) {
		return this.client.submitTask(task)
			.args(args)
			.submit()
			.resultAsync(STEP_WAIT)
			.thenApply((TaskResult result) -> result.valueAs(Long.class));
	}

}
