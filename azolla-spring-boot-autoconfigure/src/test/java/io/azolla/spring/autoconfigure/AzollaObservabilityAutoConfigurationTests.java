package io.azolla.spring.autoconfigure;

import java.time.Duration;

import io.azolla.spring.actuate.AzollaMeterBinder;
import io.azolla.spring.actuate.ClientCallObservations;
import io.azolla.spring.actuate.DefaultTaskExecutionObservationConvention;
import io.azolla.spring.actuate.DefaultTaskSubmitObservationConvention;
import io.azolla.spring.actuate.DefaultTaskWaitObservationConvention;
import io.azolla.spring.actuate.TaskExecutionContext;
import io.azolla.spring.actuate.TaskExecutionObservationConvention;
import io.azolla.spring.actuate.TaskExecutionObservations;
import io.azolla.spring.actuate.TaskSubmitContext;
import io.azolla.spring.actuate.TaskSubmitObservationConvention;
import io.azolla.spring.actuate.TaskWaitObservationConvention;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.task.AzollaTask;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AzollaObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				AzollaWorkerAutoConfiguration.class, AzollaObservabilityAutoConfiguration.class,
				ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				GrpcClientAutoConfiguration.class, CompositeChannelFactoryAutoConfiguration.class,
				SslAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("azolla.tasks.fail.retry.max-attempts=1", "azolla.tasks.slow.retry.max-attempts=1",
				"azolla.tasks.slow.timeout=150ms")
		.withUserConfiguration(MeteredTasks.class);

	@Test
	void embeddedExecutionsSubmitsAndWaitsAreMeasuredWithLowCardinalityTags() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true").run((context) -> {
			AzollaClient client = context.getBean(AzollaClient.class);
			client.submitTask("ok").args("secret-1").submit().await(Duration.ofSeconds(10));
			client.submitTask("ok").args("secret-2").submit().await(Duration.ofSeconds(10));
			client.submitTask("fail").submit().await(Duration.ofSeconds(10));
			client.submitTask("slow").submit().await(Duration.ofSeconds(10));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("azolla.task.execution")
				.tags("task", "ok", "outcome", "success", "error", "none")
				.timer()
				.count()).isEqualTo(2);
			assertThat(meters.get("azolla.task.execution")
				.tags("task", "fail", "outcome", "failure", "error", "TaskException")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("azolla.task.execution")
				.tags("task", "slow", "outcome", "timeout", "error", "TaskTimeoutException")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("azolla.client.submit").tags("task", "ok", "outcome", "success").timer().count())
				.isEqualTo(2);
			assertThat(meters.get("azolla.client.wait").tags("task", "ok", "outcome", "success").timer().count())
				.isEqualTo(2);
			assertThat(meters.get("azolla.client.wait").tags("task", "fail", "outcome", "failure").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("azolla.task.active").gauge().value()).isZero();
			assertThat(meters.find("azolla.shepherd.connected").gauge()).isNull();
			assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags().toString())
				.doesNotContain("secret"));
		});
	}

	@Test
	void conventionBeansRenameObservationsAndAddKeyValues() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true")
			.withUserConfiguration(CustomConventions.class)
			.run((context) -> {
				AzollaClient client = context.getBean(AzollaClient.class);
				client.submitTask("fail").submit().await(Duration.ofSeconds(10));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("jobs.executed")
					.tags("task", "fail", "outcome", "failure", "error", "TaskException", "error.type",
							"UnsupportedOperationException")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.find("azolla.task.execution").timer()).isNull();
				assertThat(meters.get("jobs.submitted").tags("task", "fail", "team", "billing").timer().count())
					.isEqualTo(1);
				assertThat(meters.get("jobs.awaited").tags("task", "fail", "outcome", "failure").timer().count())
					.isEqualTo(1);
			});
	}

	@Test
	void waitThatRunsOutOfTimeIsMeasuredAsATimeout() {
		this.contextRunner.withPropertyValues("azolla.embedded.enabled=true", "azolla.tasks.slow.timeout=2s")
			.run((context) -> {
				TaskHandle handle = context.getBean(AzollaClient.class).submitTask("slow").submit();
				assertThatExceptionOfType(TaskWaitTimeoutException.class)
					.isThrownBy(() -> handle.await(Duration.ofMillis(50)));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("azolla.client.wait").tags("task", "slow", "outcome", "timeout").timer().count())
					.isEqualTo(1);
				assertThat(meters.get("azolla.task.active").gauge().value()).isEqualTo(1);
			});
	}

	@Test
	void shepherdAlsoGetsConnectionMeters() {
		this.contextRunner.withPropertyValues("azolla.client.endpoint=http://localhost:1").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("azolla.shepherd.connected").gauge().value()).isZero();
			assertThat(meters.get("azolla.shepherd.reconnects").functionCounter()).isNotNull();
		});
	}

	@Test
	void whenMicrometerIsAbsentThenTheStarterStillRunsTasks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("azolla.embedded.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(TaskExecutionObservations.class)
					.doesNotHaveBean(ClientCallObservations.class)
					.doesNotHaveBean(AzollaMeterBinder.class);
				assertThat(context.getBean(AzollaClient.class)
					.submitTask("ok")
					.args("Ada")
					.submit()
					.await(Duration.ofSeconds(10))
					.valueAs(String.class)).isEqualTo("ok Ada");
			});
	}

	@Test
	void whenThereIsNoRegistryThenNothingIsObserved() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class,
					AzollaObservabilityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TaskExecutionObservations.class)
				.doesNotHaveBean(AzollaMeterBinder.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConventions {

		@Bean
		TaskExecutionObservationConvention executionConvention() {
			return new DefaultTaskExecutionObservationConvention() {

				@Override
				public String getName() {
					return "jobs.executed";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(TaskExecutionContext context) {
					KeyValues values = super.getLowCardinalityKeyValues(context);
					String errorType = context.getErrorType();
					return (errorType != null) ? values.and("error.type", errorType) : values;
				}

			};
		}

		@Bean
		TaskSubmitObservationConvention submitConvention() {
			return new DefaultTaskSubmitObservationConvention() {

				@Override
				public String getName() {
					return "jobs.submitted";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(TaskSubmitContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "billing");
				}

			};
		}

		@Bean
		TaskWaitObservationConvention waitConvention() {
			return new DefaultTaskWaitObservationConvention() {

				@Override
				public String getName() {
					return "jobs.awaited";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeteredTasks {

		@AzollaTask
		String ok(String name) {
			return "ok " + name;
		}

		@AzollaTask
		String fail() {
			throw new UnsupportedOperationException("no");
		}

		@AzollaTask
		String slow() throws InterruptedException {
			Thread.sleep(5_000);
			return "late";
		}

	}

}
