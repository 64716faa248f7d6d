package io.azolla.spring.autoconfigure.taskclients;

/**
 * Lives beside {@link ScannedGreetings} without {@code @AzollaTaskClient}, so scanning must
 * leave it alone.
 */
public interface NotATaskClient {

	String greet(String name);

}
