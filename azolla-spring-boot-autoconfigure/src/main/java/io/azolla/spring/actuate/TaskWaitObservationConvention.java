package io.azolla.spring.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@value ClientCallObservations#WAIT} observation. Declare a bean of this
 * type (usually extending {@link DefaultTaskWaitObservationConvention}) to rename it or to add
 * or change key values.
 */
public interface TaskWaitObservationConvention extends ObservationConvention<TaskWaitContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskWaitContext;
	}

}
