package io.azolla.spring.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@value TaskExecutionObservations#NAME} observation. Declare a bean of this
 * type (usually extending {@link DefaultTaskExecutionObservationConvention}) to rename it or to
 * add or change key values.
 */
public interface TaskExecutionObservationConvention extends ObservationConvention<TaskExecutionContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskExecutionContext;
	}

}
