package io.azolla.spring.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@value ClientCallObservations#SUBMIT} observation. Declare a bean of this
 * type (usually extending {@link DefaultTaskSubmitObservationConvention}) to rename it or to add
 * or change key values.
 */
public interface TaskSubmitObservationConvention extends ObservationConvention<TaskSubmitContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskSubmitContext;
	}

}
