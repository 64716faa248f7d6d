package io.azolla.sample.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.azolla.sample.tasks.OrderTasks.Order;
import io.azolla.sample.tasks.OrderTasks.Quote;
import io.azolla.spring.client.declarative.AzollaTaskClient;
import io.azolla.spring.client.declarative.TaskCall;
import io.azolla.spring.client.declarative.TaskErrorMapping;

/**
 * The sample's tasks as a Java interface: the starter implements it and makes it a bean
 * (see {@code @EnableAzollaTaskClients} on the application). Each call submits the task
 * through the application's {@code AzollaClient}, with the same defaults and metrics as a
 * submission written in code.
 */
@AzollaTaskClient
@TaskErrorMapping(type = "TaskValidationError", exception = InvalidOrderException.class)
public interface SampleTasks {

	/**
	 * Prices an order and waits for the quote.
	 * @param order the order
	 * @return the quote
	 * @throws InvalidOrderException if the task rejected the order
	 */
	@TaskCall("price_order")
	Quote price(Order order);

	/**
	 * Adds numbers, without holding a thread while the task runs.
	 * @param values the numbers
	 * @return the future sum
	 */
	@TaskCall("sum")
	CompletableFuture<Long> sum(List<Long> values);

	/**
	 * Multiplies a number.
	 * @param value the number
	 * @param factor the factor
	 * @return the future product
	 */
	@TaskCall("scale")
	CompletableFuture<Long> scale(long value, long factor);

}
