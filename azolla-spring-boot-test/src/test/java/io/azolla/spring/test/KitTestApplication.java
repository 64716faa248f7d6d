package io.azolla.spring.test;

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
 * An application with a few tasks, as a user of the kit would have.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class KitTestApplication {

	@Bean
	KitTasks kitTasks() {
		return new KitTasks();
	}

	static class KitTasks {

		final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		@AzollaTask("add")
		long add(TaskContext context, long a, long b) {
			this.runs.computeIfAbsent(context.taskId(), (id) -> new AtomicInteger()).incrementAndGet();
			return a + b;
		}

		@AzollaTask("greet")
		Map<String, Object> greet(String name) {
			return Map.of("name", name, "greeting", "Hello " + name);
		}

		@AzollaTask("refuse")
		String refuse(String type) {
			throw new TaskException("refused as asked").type(type).code("REFUSED");
		}

		@AzollaTask("pause")
		String pause(long millis) throws InterruptedException {
			Thread.sleep(millis);
			return "rested";
		}

	}

}
