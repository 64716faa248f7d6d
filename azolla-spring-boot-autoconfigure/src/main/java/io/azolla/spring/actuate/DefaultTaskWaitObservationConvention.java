package io.azolla.spring.actuate;

import io.micrometer.common.KeyValues;

/**
 * The default {@link TaskWaitObservationConvention}: low-cardinality keys {@code task} and,
 * once the wait ended, {@code outcome} ({@code success}, {@code failure}, {@code timeout} or
 * {@code error}); a wait that failed with an exception also has Micrometer's standard
 * {@code error} key.
 */
public class DefaultTaskWaitObservationConvention implements TaskWaitObservationConvention {

	/** A shared instance. */
	public static final DefaultTaskWaitObservationConvention INSTANCE = new DefaultTaskWaitObservationConvention();

	@Override
	public String getName() {
		return ClientCallObservations.WAIT;
	}

	@Override
	public String getContextualName(TaskWaitContext context) {
		return "azolla wait " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskWaitContext context) {
		return ClientCallObservations.taskAndOutcome(context);
	}

}
