package io.azolla.bench.worker;

import java.util.List;

import io.azolla.spring.task.AzollaTask;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * The Java in-process shepherd the load benchmark measures: a plain Spring Boot application
 * with the starter and the same trivial tasks the Rust example worker and the sample app
 * offer, so the measured cost is the platform's, not the task's, plus a {@code sleep} task for
 * the wait and memory benchmarks' long tasks, and {@code replica} and {@code replica-sleep}
 * tasks that answer with the name of the replica ({@code bench.replica}) for the scale-out
 * benchmark.
 * <p>
 * Started by {@link io.azolla.bench.load.BenchDriver} with {@code --azolla.client.endpoint},
 * {@code --azolla.worker.shepherd-group} and {@code --azolla.worker.max-concurrency}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchWorkerApplication {

	/**
	 * Starts the worker; it serves tasks until the process is stopped.
	 * @param args Spring Boot command-line properties
	 */
	public static void main(String[] args) {
		// Without a web server nothing non-daemon would keep the JVM up once main returns.
		new SpringApplicationBuilder(BenchWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.main.keep-alive=true")
			.run(args);
	}

	@Bean
	BenchTasks benchTasks(@Value("${bench.replica:}") String replica) {
		return new BenchTasks(replica);
	}

	/**
	 * Tasks with the names and shapes of the Rust worker's {@code echo} and the sample app's
	 * {@code sum}.
	 */
	public static class BenchTasks {

		private final String replica;

		/**
		 * Creates the tasks.
		 * @param replica the name {@code replica} answers with ({@code bench.replica})
		 */
		public BenchTasks(String replica) {
			this.replica = replica;
		}

		/**
		 * Returns the name of this replica, so a scale-out run can tell which replica ran each
		 * task; as cheap as {@code echo}.
		 * @return the value of {@code bench.replica}
		 */
		@AzollaTask("replica")
		public String replica() {
			return this.replica;
		}

		/**
		 * Sleeps, then returns the name of this replica: a task whose cost is the slot it holds,
		 * not CPU, so a scale-out run can make the replicas' slots the bound and still count
		 * each replica's share.
		 * @param millis how long to sleep
		 * @return the value of {@code bench.replica}
		 * @throws InterruptedException if the shepherd stops the task
		 */
		@AzollaTask("replica-sleep")
		public String replicaSleep(long millis) throws InterruptedException {
			Thread.sleep(millis);
			return this.replica;
		}

		/**
		 * Returns its argument.
		 * @param message the text
		 * @return the same text
		 */
		@AzollaTask("echo")
		public String echo(String message) {
			return message;
		}

		/**
		 * Sleeps, for the wait benchmark's long tasks.
		 * @param millis how long to sleep
		 * @return the milliseconds slept
		 * @throws InterruptedException if the shepherd stops the task
		 */
		@AzollaTask("sleep")
		public long sleep(long millis) throws InterruptedException {
			Thread.sleep(millis);
			return millis;
		}

		/**
		 * Adds numbers.
		 * @param values the numbers
		 * @return their sum
		 */
		@AzollaTask("sum")
		public long sum(List<Long> values) {
			return values.stream().mapToLong(Long::longValue).sum();
		}

	}

}
