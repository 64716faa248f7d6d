package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Methods whose signatures exercise the argument binding rules.
 */
class BindingFixtures {

	record Person(String name, int age) {
	}

	record Order(String id, int quantity) {
	}

	static class Address {

		private String street;

		private String city;

		public String getStreet() {
			return this.street;
		}

		public void setStreet(String street) {
			this.street = street;
		}

		public String getCity() {
			return this.city;
		}

		public void setCity(String city) {
			this.city = city;
		}

	}

	void none() {
	}

	String greet(String name, int age) {
		return name + ":" + age;
	}

	void single(String text) {
	}

	void person(Person person) {
	}

	void address(Address address) {
	}

	void counts(Map<String, Integer> counts) {
	}

	void orders(List<Order> orders) {
	}

	void mail(String to, String subject, Optional<String> cc, @Nullable String bcc) {
	}

	void jspecify(@org.jspecify.annotations.Nullable String note) {
	}

	void withContext(TaskContext context, String name) {
	}

	void limit(Optional<Integer> limit) {
	}

	void big(BigInteger value) {
	}

	static Method method(String name) {
		return Arrays.stream(BindingFixtures.class.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
