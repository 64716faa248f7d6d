package io.azolla.spring.actuate;

import io.azolla.spring.task.TaskOutcomes;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link TaskExecutionObservationConvention}. Low-cardinality keys: {@code task}
 * (the registered name) and, once the result is decided, {@code outcome} ({@code success},
 * {@code failure} or {@code timeout}). High-cardinality keys, for traces: {@code azolla.task.id}
 * and, for a failure, {@code azolla.task.error.type}. Failures are also recorded as the
 * observation's error, which Micrometer reports under its standard {@code error} key.
 */
public class DefaultTaskExecutionObservationConvention implements TaskExecutionObservationConvention {

	/** A shared instance. */
	public static final DefaultTaskExecutionObservationConvention INSTANCE = new DefaultTaskExecutionObservationConvention();

	@Override
	public String getName() {
		return TaskExecutionObservations.NAME;
	}

	@Override
	public String getContextualName(TaskExecutionContext context) {
		return "azolla execute " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskExecutionContext context) {
		KeyValues values = KeyValues.of("task", context.getTaskName());
		if (context.getResult() == null) {
			return values;
		}
		return values.and("outcome", outcome(context.getErrorType()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskExecutionContext context) {
		KeyValues values = KeyValues.of("azolla.task.id", context.getTaskId());
		String errorType = context.getErrorType();
		return (errorType != null) ? values.and("azolla.task.error.type", errorType) : values;
	}

	private static String outcome(@Nullable String errorType) {
		if (errorType == null) {
			return "success";
		}
		return TaskOutcomes.TIMEOUT_ERROR.equals(errorType) ? "timeout" : "failure";
	}

}
