package io.azolla.spring.actuate;

import io.micrometer.common.KeyValues;

/**
 * The default {@link TaskSubmitObservationConvention}: low-cardinality keys {@code task} and,
 * once the call ended, {@code outcome} ({@code success} or {@code error}); a call that failed
 * with an exception also has Micrometer's standard {@code error} key.
 */
public class DefaultTaskSubmitObservationConvention implements TaskSubmitObservationConvention {

	/** A shared instance. */
	public static final DefaultTaskSubmitObservationConvention INSTANCE = new DefaultTaskSubmitObservationConvention();

	@Override
	public String getName() {
		return ClientCallObservations.SUBMIT;
	}

	@Override
	public String getContextualName(TaskSubmitContext context) {
		return "azolla submit " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskSubmitContext context) {
		return ClientCallObservations.taskAndOutcome(context);
	}

}
