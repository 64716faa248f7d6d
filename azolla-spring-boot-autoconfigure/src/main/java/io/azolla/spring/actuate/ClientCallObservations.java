package io.azolla.spring.actuate;

import java.util.Objects;
import java.util.function.Supplier;

import io.azolla.spring.client.ClientObserver;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClientObserver} that records submissions as {@value #SUBMIT} and waits as
 * {@value #WAIT} {@link Observation observations}. Names and key values come from a
 * {@link TaskSubmitObservationConvention} and a {@link TaskWaitObservationConvention} (the
 * defaults unless given): low-cardinality keys {@code task} and {@code outcome} ({@code success},
 * {@code failure}, {@code timeout}, {@code error}). A call that failed with an exception records
 * it as the observation's error. A submission is current on the submitting thread while it
 * runs, so the gRPC call it makes becomes its child in a trace.
 */
public class ClientCallObservations implements ClientObserver {

	/** The name of the submission observation and timer. */
	public static final String SUBMIT = "azolla.client.submit";

	/** The name of the wait observation and timer. */
	public static final String WAIT = "azolla.client.wait";

	private final ObservationRegistry registry;

	private final @Nullable TaskSubmitObservationConvention submitConvention;

	private final @Nullable TaskWaitObservationConvention waitConvention;

	/**
	 * Creates an observer that records through the given registry with the default conventions.
	 * @param registry the observation registry
	 */
	public ClientCallObservations(ObservationRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * Creates an observer that records through the given registry.
	 * @param registry the observation registry
	 * @param submitConvention the submission convention to use instead of the default, or {@code null}
	 * @param waitConvention the wait convention to use instead of the default, or {@code null}
	 */
	public ClientCallObservations(ObservationRegistry registry,
			@Nullable TaskSubmitObservationConvention submitConvention,
			@Nullable TaskWaitObservationConvention waitConvention) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.submitConvention = submitConvention;
		this.waitConvention = waitConvention;
	}

	@Override
	public Call submitting(@Nullable String taskName) {
		Observation observation = start(this.submitConvention, DefaultTaskSubmitObservationConvention.INSTANCE,
				() -> new TaskSubmitContext(taskName));
		Observation.Scope scope = observation.openScope();
		return (outcome, error) -> {
			scope.close();
			stop(observation, outcome, error);
		};
	}

	@Override
	public Call waiting(@Nullable String taskName) {
		Observation observation = start(this.waitConvention, DefaultTaskWaitObservationConvention.INSTANCE,
				() -> new TaskWaitContext(taskName));
		return (outcome, error) -> stop(observation, outcome, error);
	}

	private <C extends ClientCallContext> Observation start(@Nullable ObservationConvention<C> custom,
			ObservationConvention<C> standard, Supplier<C> context) {
		return Observation.createNotStarted(custom, standard, context, this.registry).start();
	}

	private static void stop(Observation observation, Outcome outcome, @Nullable Throwable error) {
		if (observation.getContext() instanceof ClientCallContext context) {
			context.setOutcome(outcome);
		}
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	/** The default low-cardinality keys of both client observations. */
	static KeyValues taskAndOutcome(ClientCallContext context) {
		KeyValues values = KeyValues.of("task", context.getTaskName());
		return (context.getOutcome() != null) ? values.and("outcome", context.getOutcome().tagValue()) : values;
	}

}
