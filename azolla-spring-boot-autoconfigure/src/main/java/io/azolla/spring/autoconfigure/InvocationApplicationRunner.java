package io.azolla.spring.autoconfigure;

import java.util.function.IntConsumer;

import io.azolla.spring.worker.invocation.InvocationRunner;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

/**
 * Runs the one task of an invocation once the application has started, then closes the
 * context and ends the process with the invocation's exit code.
 */
final class InvocationApplicationRunner implements ApplicationRunner, ExitCodeGenerator {

	private final InvocationRunner runner;

	private final ApplicationContext context;

	private final IntConsumer exit;

	private volatile int exitCode;

	InvocationApplicationRunner(InvocationRunner runner, ApplicationContext context, IntConsumer exit) {
		this.runner = runner;
		this.context = context;
		this.exit = exit;
	}

	@Override
	public void run(ApplicationArguments args) {
		// The source arguments keep each flag next to its value; Spring's own parsing would not.
		this.exitCode = this.runner.run(args.getSourceArgs());
		this.exit.accept(SpringApplication.exit(this.context, this));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
