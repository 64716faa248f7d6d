package io.azolla.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskContext;
import io.azolla.spring.task.TaskException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small application whose tasks record how often each task id ran, so scenarios can prove
 * that no task was lost or executed twice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class E2eWorkerApplication {

	@Bean
	Tasks e2eTasks() {
		return new Tasks();
	}

	static class Tasks {

		static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

		@AzollaTask("java_ping")
		String ping() {
			return "pong";
		}

		@AzollaTask("java_echo")
		String echo(String message) {
			return message;
		}

		@AzollaTask("java_count")
		long count(TaskContext context, long value, long sleepMillis) throws InterruptedException {
			executions.computeIfAbsent(context.taskId(), (id) -> new AtomicInteger()).incrementAndGet();
			if (sleepMillis > 0) {
				Thread.sleep(sleepMillis);
			}
			return value;
		}

		@AzollaTask("java_fail")
		String fail(TaskContext context, String type) {
			executions.computeIfAbsent(context.taskId(), (id) -> new AtomicInteger()).incrementAndGet();
			throw new TaskException("failing as asked").type(type).code("E2E");
		}

		@AzollaTask("java_fail_slowly")
		String failSlowly(TaskContext context, String type, long sleepMillis) throws InterruptedException {
			executions.computeIfAbsent(context.taskId(), (id) -> new AtomicInteger()).incrementAndGet();
			Thread.sleep(sleepMillis);
			throw new TaskException("failing as asked, slowly").type(type).code("E2E");
		}

		@AzollaTask(value = "java_slow", timeout = "500ms")
		String slow() throws InterruptedException {
			Thread.sleep(30_000);
			return "too late";
		}

		@AzollaTask("java_greet")
		Map<String, Object> greet(String name, int age) {
			return Map.of("greeting", "Hello " + name, "age", age);
		}

	}

}
