package io.azolla.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.azolla.sample.flow.FlowService;
import io.azolla.sample.tasks.OrderTasks.Line;
import io.azolla.sample.tasks.OrderTasks.Order;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.model.TaskResult;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Submits a handful of tasks when the application starts and prints what came back, so a
 * newcomer sees tasks complete, fail, retry and time out without writing a request.
 */
@Component
@ConditionalOnProperty(name = "sample.demo.enabled", matchIfMissing = true)
public class DemoRunner implements ApplicationRunner {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ObjectProvider<AzollaClient> clients;

	private final ObjectProvider<FlowService> flowServices;

	// Looked up only when the demo runs: a process started for one task (--task-id) skips
	// the demo and should not pay for the client.
	public DemoRunner(ObjectProvider<AzollaClient> clients, ObjectProvider<FlowService> flowServices) {
		this.clients = clients;
		this.flowServices = flowServices;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (args.containsOption("task-id")) {
			return;
		}
		AzollaClient client = this.clients.getObject();
		FlowService flows = this.flowServices.getObject();
		print("greet_user", client.submitTask("greet_user").args("Alice", 25).kwargs(Map.of("lang", "fr")).submit().await(WAIT));
		print("price_order", client.submitTask("price_order")
			.args(new Order("A-17", List.of(new Line("pen", 3, new BigDecimal("1.20")), new Line("pad", 1, new BigDecimal("4.50")))))
			.submit()
			.await(WAIT));
		print("price_order (no lines)", client.submitTask("price_order").args(new Order("A-18", List.of())).submit().await(WAIT));
		print("reserve_stock (fails twice, then succeeds)", client.submitTask("reserve_stock").args("pen", 3).submit().await(WAIT));
		print("build_report (300 ms)", client.submitTask("build_report").args(300).submit().await(WAIT));
		print("build_report (5 s, over its 2 s limit)", client.submitTask("build_report").args(5000).submit().await(WAIT));
		System.out.println("[demo] linear flow sum(1,2,3)*10*2 = " + flows.linear(List.of(1L, 2L, 3L)).join());
		System.out.println("[demo] diamond flow sum(1,2,3)*2 + sum(1,2,3)*3 = " + flows.diamond(List.of(1L, 2L, 3L)).join());
		System.out.println("[demo] done; try: curl -s -X POST localhost:8080/api/tasks/greet_user "
				+ "-H 'Content-Type: application/json' -d '{\"args\":[\"Bob\",41]}'");
	}

	private static void print(String label, TaskResult result) {
		String outcome = result.failure()
			.map((failure) -> "failed with " + failure.type() + ": " + failure.message())
			.orElseGet(() -> "succeeded: " + result.value());
		System.out.println("[demo] " + label + " -> " + outcome);
	}

}
