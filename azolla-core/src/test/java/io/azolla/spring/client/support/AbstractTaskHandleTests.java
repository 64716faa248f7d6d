package io.azolla.spring.client.support;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.azolla.spring.model.TaskResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AbstractTaskHandle}.
 */
class AbstractTaskHandleTests {

	@Test
	void awaitingForeverWaitsInsteadOfFailingOnTheDurationsSize() {
		DeadlineHandle handle = new DeadlineHandle();

		TaskResult result = handle.await(ChronoUnit.FOREVER.getDuration());

		assertThat(result.valueAs(Integer.class)).isEqualTo(7);
		assertThat(handle.deadlineNanos).isPositive();
	}

	/**
	 * Completes at once, after working out its deadline in nanoseconds as real handles do.
	 */
	private static final class DeadlineHandle extends AbstractTaskHandle {

		private long deadlineNanos;

		DeadlineHandle() {
			super("7d3c6a52-4c61-4c3f-9d55-0a1e0e9d1b1f", "seven");
		}

		@Override
		public Optional<TaskResult> tryResult() {
			return Optional.empty();
		}

		@Override
		public CompletableFuture<TaskResult> resultAsync(Duration timeout) {
			requireTimeout(timeout);
			this.deadlineNanos = Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
			return CompletableFuture
				.completedFuture(TaskResult.success(id(), IntNode.valueOf(7), JsonMapper.builder().build()));
		}

		@Override
		protected Duration defaultWait() {
			return Duration.ofSeconds(30);
		}

	}

}
