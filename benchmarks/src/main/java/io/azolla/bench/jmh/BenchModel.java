package io.azolla.bench.jmh;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The task signatures and values the benchmarks bind and encode. They mirror the shapes real
 * tasks use: a few scalars, one record argument, a list of records.
 */
public final class BenchModel {

	/** A JSON array of ten order lines, the text a client would send as one argument. */
	public static final String LINES_JSON;

	/** One order with three lines, as JSON object text. */
	public static final String ORDER_JSON = "{\"id\":\"A-17\",\"customer\":\"Ada\",\"priority\":2,\"lines\":["
			+ "{\"sku\":\"pen\",\"quantity\":3,\"price\":1.20},{\"sku\":\"pad\",\"quantity\":1,\"price\":4.50},"
			+ "{\"sku\":\"ink\",\"quantity\":2,\"price\":7.25}]}";

	static {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < 10; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"sku\":\"sku-")
				.append(i)
				.append("\",\"quantity\":")
				.append(i + 1)
				.append(",\"price\":")
				.append(i)
				.append(".25}");
		}
		LINES_JSON = json.append(']').toString();
	}

	private BenchModel() {
	}

	/**
	 * One order line.
	 * @param sku the article
	 * @param quantity how many
	 * @param price the unit price
	 */
	public record Line(String sku, int quantity, BigDecimal price) {
	}

	/**
	 * An order.
	 * @param id the order id
	 * @param customer the customer
	 * @param priority the priority
	 * @param lines the lines
	 */
	public record Order(String id, String customer, int priority, List<Line> lines) {
	}

	static Order order() {
		return new Order("A-17", "Ada", 2, List.of(new Line("pen", 3, new BigDecimal("1.20")),
				new Line("pad", 1, new BigDecimal("4.50")), new Line("ink", 2, new BigDecimal("7.25"))));
	}

	static List<Line> lines() {
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			lines.add(new Line("sku-" + i, i + 1, new BigDecimal(i + ".25")));
		}
		return lines;
	}

	/**
	 * Task methods whose parameters the binder reads; they are never invoked.
	 */
	public static final class Tasks {

		private Tasks() {
		}

		/**
		 * Three scalars by position.
		 * @param name a string
		 * @param age an int
		 * @param formal a boolean
		 * @return nothing useful
		 */
		public static String greet(String name, int age, boolean formal) {
			return name;
		}

		/**
		 * One record, bound whole from a single JSON object.
		 * @param order the order
		 * @return nothing useful
		 */
		public static int price(Order order) {
			return order.priority();
		}

		/**
		 * A list of records, bound element by element.
		 * @param lines the lines
		 * @return nothing useful
		 */
		public static int count(List<Line> lines) {
			return lines.size();
		}

	}

}
