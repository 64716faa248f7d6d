package io.azolla.spring.actuate;

import java.util.Objects;

import io.azolla.spring.client.ClientObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * A {@link ClientObserver} that records submissions as {@value #SUBMIT} and waits as
 * {@value #WAIT} {@link Observation observations}, with the low-cardinality keys {@code task}
 * and {@code outcome} ({@code success}, {@code failure}, {@code timeout}, {@code error}). A
 * submission is current on the submitting thread while it runs, so the gRPC call it makes
 * becomes its child in a trace.
 */
public class ClientCallObservations implements ClientObserver {

	/** The name of the submission observation and timer. */
	public static final String SUBMIT = "azolla.client.submit";

	/** The name of the wait observation and timer. */
	public static final String WAIT = "azolla.client.wait";

	private static final String UNKNOWN_TASK = "unknown";

	private final ObservationRegistry registry;

	/**
	 * Creates an observer that records through the given registry.
	 * @param registry the observation registry
	 */
	public ClientCallObservations(ObservationRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public Call submitting(String taskName) {
		Observation observation = start(SUBMIT, "azolla submit ", taskName);
		Observation.Scope scope = observation.openScope();
		return (outcome, error) -> {
			scope.close();
			stop(observation, outcome, error);
		};
	}

	@Override
	public Call waiting(String taskName) {
		Observation observation = start(WAIT, "azolla wait ", taskName);
		return (outcome, error) -> stop(observation, outcome, error);
	}

	private Observation start(String name, String contextualPrefix, String taskName) {
		String task = (taskName != null) ? taskName : UNKNOWN_TASK;
		return Observation.createNotStarted(name, this.registry)
			.contextualName(contextualPrefix + task)
			.lowCardinalityKeyValue("task", task)
			.start();
	}

	private static void stop(Observation observation, Outcome outcome, Throwable error) {
		observation.lowCardinalityKeyValue("outcome", outcome.tagValue());
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

}
