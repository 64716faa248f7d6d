package io.azolla.sample.flow;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.azolla.sample.client.SampleTasks;

import org.springframework.stereotype.Service;

/**
 * Composes tasks into small flows with {@link CompletableFuture}: each step is a task called
 * through the {@link SampleTasks} interface, and a step starts when the results it needs have
 * arrived. No thread waits while a task runs.
 */
@Service
public class FlowService {

	private final SampleTasks tasks;

	public FlowService(SampleTasks tasks) {
		this.tasks = tasks;
	}

	/**
	 * A linear flow: sum the values, scale the sum by 10, then by 2.
	 * @param values the numbers
	 * @return the final value
	 */
	public CompletableFuture<Long> linear(List<Long> values) {
		return this.tasks.sum(values).thenCompose((sum) -> this.tasks.scale(sum, 10L))
			.thenCompose((scaled) -> this.tasks.scale(scaled, 2L));
	}

	/**
	 * A diamond: sum the values, scale the sum by 2 and by 3 in parallel, then add both.
	 * @param values the numbers
	 * @return the final value
	 */
	public CompletableFuture<Long> diamond(List<Long> values) {
		CompletableFuture<Long> top = this.tasks.sum(values);
		CompletableFuture<Long> left = top.thenCompose((sum) -> this.tasks.scale(sum, 2L));
		CompletableFuture<Long> right = top.thenCompose((sum) -> this.tasks.scale(sum, 3L));
		return left.thenCombine(right, List::of).thenCompose(this.tasks::sum);
	}

}
