package io.azolla.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.task.AzollaTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Embedded mode takes its threads like the shepherd: virtual ones when
 * {@code spring.threads.virtual.enabled} is set, and its executor from Spring Boot's builder so
 * the application's task decorator and customizers apply.
 */
class EmbeddedExecutorsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("azolla.embedded.enabled=true", "azolla.worker.max-concurrency=3")
		.withUserConfiguration(ThreadTasks.class);

	@Test
	void embeddedExecutorComesFromBootsBuilderSizedByMaxConcurrencyWithTheApplicationsTaskDecorator() {
		this.contextRunner.withUserConfiguration(CountingDecorator.class)
			.withPropertyValues("spring.task.execution.pool.core-size=11")
			.run((context) -> {
				ThreadPoolTaskExecutor executor = context.getBean("azollaEmbeddedExecutor", ThreadPoolTaskExecutor.class);
				assertThat(executor.getCorePoolSize()).isEqualTo(3);
				assertThat(executor.getMaxPoolSize()).isEqualTo(3);

				String thread = await(context.getBean(AzollaClient.class));

				assertThat(context.getBean(CountingDecorator.class).decorated).hasPositiveValue();
				assertThat(thread).startsWith("azolla-task-");
				assertThat(ThreadTasks.attemptThreads).singleElement().asString().startsWith("azolla-embedded-");
			});
	}

	@Test
	void withoutBootsTaskExecutionAutoConfigurationTheDefaultsStillApply() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class,
					AzollaClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("azolla.embedded.enabled=true", "azolla.worker.max-concurrency=2")
			.withUserConfiguration(ThreadTasks.class)
			.run((context) -> {
				assertThat(context.getBean("azollaEmbeddedExecutor", ThreadPoolTaskExecutor.class).getMaxPoolSize())
					.isEqualTo(2);
				assertThat(await(context.getBean(AzollaClient.class))).startsWith("azolla-task-");
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void withVirtualThreadsEnabledEmbeddedTasksAndTheirAttemptsRunOnVirtualThreads() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("azollaEmbeddedExecutor", ThreadPoolTaskExecutor.class);
			Thread attemptThread = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
			assertThat(isVirtual(attemptThread)).isTrue();

			await(context.getBean(AzollaClient.class));

			assertThat(isVirtual(ThreadTasks.taskThread)).as("the task's code").isTrue();
		});
	}

	@Test
	void platformThreadsByDefault() {
		this.contextRunner.run((context) -> {
			await(context.getBean(AzollaClient.class));
			assertThat(ThreadTasks.taskThread.getName()).startsWith("azolla-task-");
			assertThat(ThreadTasks.taskThread.isDaemon()).isTrue();
		});
	}

	private static String await(AzollaClient client) {
		ThreadTasks.attemptThreads.clear();
		return client.submitTask("where").submit().await(Duration.ofSeconds(10)).valueAs(String.class);
	}

	private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
		return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadTasks {

		static volatile Thread taskThread;

		static final List<String> attemptThreads = new CopyOnWriteArrayList<>();

		@AzollaTask
		String where() {
			taskThread = Thread.currentThread();
			return taskThread.getName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingDecorator implements TaskDecorator {

		final AtomicInteger decorated = new AtomicInteger();

		@Override
		public Runnable decorate(Runnable runnable) {
			return () -> {
				this.decorated.incrementAndGet();
				ThreadTasks.attemptThreads.add(Thread.currentThread().getName());
				runnable.run();
			};
		}

	}

}
