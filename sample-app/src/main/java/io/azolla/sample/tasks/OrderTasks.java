package io.azolla.sample.tasks;

import java.math.BigDecimal;
import java.util.List;

import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskValidationException;

import org.springframework.stereotype.Component;

/**
 * Records as arguments and a validation error that is never retried.
 */
@Component
public class OrderTasks {

	/**
	 * Prices an order; an order without lines is rejected as invalid.
	 * @param order the order
	 * @return the quote
	 */
	@AzollaTask("price_order")
	public Quote price(Order order) {
		if (order.lines() == null || order.lines().isEmpty()) {
			throw new TaskValidationException("order " + order.id() + " has no lines");
		}
		BigDecimal total = order.lines()
			.stream()
			.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new Quote(order.id(), total, order.lines().size());
	}

	/**
	 * An order.
	 * @param id the order id
	 * @param lines its lines
	 */
	public record Order(String id, List<Line> lines) {
	}

	/**
	 * One order line.
	 * @param sku the article
	 * @param quantity how many
	 * @param unitPrice the price of one
	 */
	public record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	/**
	 * A priced order.
	 * @param orderId the order id
	 * @param total the sum of all lines
	 * @param lines the number of lines
	 */
	public record Quote(String orderId, BigDecimal total, int lines) {
	}

}
