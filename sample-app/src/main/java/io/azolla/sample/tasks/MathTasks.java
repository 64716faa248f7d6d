package io.azolla.sample.tasks;

import java.util.List;

import io.azolla.spring.task.AzollaTask;

import org.springframework.stereotype.Component;

/**
 * Small steps the flow examples compose.
 */
@Component
public class MathTasks {

	/**
	 * Adds numbers.
	 * @param values the numbers
	 * @return their sum
	 */
	@AzollaTask("sum")
	public long sum(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Multiplies a number.
	 * @param value the number
	 * @param factor the factor
	 * @return the product
	 */
	@AzollaTask("scale")
	public long scale(long value, long factor) {
		return value * factor;
	}

}
