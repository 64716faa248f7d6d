package io.azolla.spring.autoconfigure;

import io.azolla.spring.actuate.AzollaMeterBinder;
import io.azolla.spring.actuate.ClientCallObservations;
import io.azolla.spring.actuate.TaskExecutionObservationConvention;
import io.azolla.spring.actuate.TaskExecutionObservations;
import io.azolla.spring.actuate.TaskSubmitObservationConvention;
import io.azolla.spring.actuate.TaskWaitObservationConvention;
import io.azolla.spring.worker.WorkerStats;
import io.azolla.spring.worker.shepherd.ShepherdWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of Azolla's Micrometer instrumentation: task executions, submissions and waits as
 * observations (timers through the meter handler, spans through a tracing bridge), named and
 * tagged by the application's {@code TaskExecutionObservationConvention},
 * {@code TaskSubmitObservationConvention} and {@code TaskWaitObservationConvention} beans when
 * it declares them, and gauges
 * and counters read from {@link WorkerStats}. Left out when Micrometer is absent or the
 * application has no observation or meter registry.
 */
@AutoConfiguration(after = AzollaTaskAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@Import({ AzollaObservabilityAutoConfiguration.ObservationConfiguration.class,
		AzollaObservabilityAutoConfiguration.MeterConfiguration.class })
public final class AzollaObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TaskExecutionObservations azollaTaskExecutionObservations(ObservationRegistry observationRegistry,
				ObjectProvider<TaskExecutionObservationConvention> convention) {
			return new TaskExecutionObservations(observationRegistry, convention.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean
		ClientCallObservations azollaClientCallObservations(ObservationRegistry observationRegistry,
				ObjectProvider<TaskSubmitObservationConvention> submitConvention,
				ObjectProvider<TaskWaitObservationConvention> waitConvention) {
			return new ClientCallObservations(observationRegistry, submitConvention.getIfUnique(),
					waitConvention.getIfUnique());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean({ MeterRegistry.class, WorkerStats.class })
	static class MeterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AzollaMeterBinder azollaMeterBinder(WorkerStats stats, ObjectProvider<ShepherdWorker> shepherd) {
			// The connection meters only make sense for a shepherd; a lazy lookup, as the worker
			// is configured after this.
			return new AzollaMeterBinder(stats, shepherd.getIfUnique() != null);
		}

	}

}
