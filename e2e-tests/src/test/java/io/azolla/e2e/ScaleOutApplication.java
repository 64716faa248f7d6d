package io.azolla.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application of the scale-out scenario, started several times in one JVM as replicas of
 * one app. Each replica's task bean counts what that replica executed; a map shared by all
 * replicas counts the executions of each task id, so a task run by two replicas shows up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ScaleOutApplication {

	@Bean
	ReplicaTasks replicaTasks(@Value("${e2e.replica:none}") String replica) {
		return new ReplicaTasks(replica);
	}

	static class ReplicaTasks {

		/** Executions per task id, over all replicas in this JVM. */
		static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

		private final String replica;

		private final AtomicInteger executed = new AtomicInteger();

		ReplicaTasks(String replica) {
			this.replica = replica;
		}

		@AzollaTask("scale_count")
		long count(TaskContext context, long value, long sleepMillis) throws InterruptedException {
			executions.computeIfAbsent(context.taskId(), (id) -> new AtomicInteger()).incrementAndGet();
			this.executed.incrementAndGet();
			if (sleepMillis > 0) {
				Thread.sleep(sleepMillis);
			}
			return value;
		}

		String replica() {
			return this.replica;
		}

		/** Tasks this replica started since the last reset. */
		int executed() {
			return this.executed.get();
		}

		void reset() {
			this.executed.set(0);
		}

	}

}
