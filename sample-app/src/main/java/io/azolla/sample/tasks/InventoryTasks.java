package io.azolla.sample.tasks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * A flaky task: the first two attempts for a SKU fail with a retryable error, the third
 * succeeds, so the retry policy is visible in the demo.
 */
@Component
public class InventoryTasks {

	private static final Log logger = LogFactory.getLog(InventoryTasks.class);

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	/**
	 * Reserves stock for a SKU.
	 * @param sku the article
	 * @param quantity how many
	 * @return the reservation
	 */
	@AzollaTask("reserve_stock")
	public Reservation reserve(String sku, int quantity) {
		int attempt = this.attempts.computeIfAbsent(sku, (key) -> new AtomicInteger()).incrementAndGet();
		// Logged inside the task: the line carries the execution's trace id.
		logger.info("Reserving stock, attempt " + attempt);
		if (attempt < 3) {
			throw new TaskException("warehouse busy, attempt " + attempt).type("WarehouseBusy").code("BUSY");
		}
		return new Reservation(sku, quantity, attempt);
	}

	/**
	 * A stock reservation.
	 * @param sku the article
	 * @param quantity how many were reserved
	 * @param attempts the attempt that succeeded
	 */
	public record Reservation(String sku, int quantity, int attempts) {
	}

}
