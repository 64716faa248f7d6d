package io.azolla.spring.autoconfigure.taskclients;

import io.azolla.spring.client.declarative.AzollaTaskClient;
import io.azolla.spring.client.declarative.TaskCall;

/**
 * Found by {@code @EnableAzollaTaskClients} scanning this package.
 */
@AzollaTaskClient
public interface ScannedGreetings {

	@TaskCall("greet")
	String greet(String name);

}
