package io.azolla.sample.tasks;

import java.util.Optional;

import io.azolla.spring.task.AzollaTask;

import org.springframework.stereotype.Component;

/**
 * Plain typed arguments, an optional one, and a record as the result.
 */
@Component
public class GreetingTasks {

	/**
	 * Greets a user in their language; {@code lang} may be left out.
	 * @param name the user's name
	 * @param age the user's age
	 * @param lang a language code such as "fr"
	 * @return the greeting
	 */
	@AzollaTask("greet_user")
	public Greeting greet(String name, int age, Optional<String> lang) {
		String hello = switch (lang.orElse("en")) {
			case "fr" -> "Bonjour";
			case "de" -> "Hallo";
			default -> "Hello";
		};
		return new Greeting(hello + " " + name, age >= 18);
	}

	/**
	 * The greeting a task returns.
	 * @param message the text
	 * @param adult whether the user is an adult
	 */
	public record Greeting(String message, boolean adult) {
	}

}
