package io.azolla.sample;

import io.azolla.spring.client.declarative.EnableAzollaTaskClients;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that submits and executes Azolla tasks through the starter.
 */
@SpringBootApplication
@EnableAzollaTaskClients
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
