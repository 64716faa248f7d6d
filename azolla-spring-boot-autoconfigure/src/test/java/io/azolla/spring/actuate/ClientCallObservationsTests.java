package io.azolla.spring.actuate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskRejectedException;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.support.ClientObservations;
import io.azolla.spring.model.TaskResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ClientCallObservationsTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ClientCallObservations observer = new ClientCallObservations(this.registry);

	@Test
	void submissionIsCurrentWhileItRunsSoTheGrpcCallBecomesItsChild() {
		AtomicReference<Observation> current = new AtomicReference<>();
		ClientObservations.submit(this.observer, "greet", () -> {
			current.set(this.registry.getCurrentObservation());
			return mock(TaskHandle.class);
		});
		assertThat(current.get()).isNotNull();
		assertThat(current.get().getContext().getName()).isEqualTo(ClientCallObservations.SUBMIT);
		assertThat(this.registry.getCurrentObservation()).isNull();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(ClientCallObservations.SUBMIT)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("task", "greet")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	@Test
	void refusedSubmissionIsAnErrorWithItsException() {
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> ClientObservations.submit(this.observer,
				"greet", () -> {
					throw new TaskRejectedException("greet", "full", null);
				}));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(ClientCallObservations.SUBMIT)
			.that()
			.hasLowCardinalityKeyValue("outcome", "error")
			.assertThatError()
			.isInstanceOf(TaskRejectedException.class);
	}

	@Test
	void waitsAreObservedWithTheirOutcome() {
		TaskHandle handle = mock(TaskHandle.class);
		given(handle.taskName()).willReturn("greet");
		given(handle.await(Duration.ofSeconds(1))).willReturn(TaskResult.success("t1", null, JsonMapper.builder().build()));
		given(handle.resultAsync(Duration.ofSeconds(2)))
			.willReturn(CompletableFuture.failedFuture(new TaskWaitTimeoutException("greet", "t1", Duration.ofSeconds(2))));
		TaskHandle observed = ClientObservations.handle(this.observer, handle);
		observed.await(Duration.ofSeconds(1));
		assertThat(observed.resultAsync(Duration.ofSeconds(2))).isCompletedExceptionally();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(ClientCallObservations.WAIT, 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("outcome", "success"))
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("outcome", "timeout"));
	}

	@Test
	void handleMadeFromAnIdAloneIsTaggedWithAnUnknownTask() {
		TaskHandle handle = mock(TaskHandle.class);
		given(handle.await()).willReturn(TaskResult.success("t1", null, JsonMapper.builder().build()));
		ClientObservations.handle(this.observer, handle).await();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(ClientCallObservations.WAIT)
			.that()
			.hasLowCardinalityKeyValue("task", "unknown");
	}

}
