package io.azolla.spring.client.declarative;

import io.azolla.spring.model.TaskFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskErrorMappingTests {

	private final RecordingAzollaClient client = new RecordingAzollaClient();

	private final Payments payments = AzollaTaskClientFactory.of(this.client).createClient(Payments.class);

	static class PaymentDeclinedException extends RuntimeException {

		final TaskFailedException failed;

		public PaymentDeclinedException(TaskFailedException failed) {
			super(failed.getFailure().message(), failed);
			this.failed = failed;
		}

	}

	static class CardExpiredException extends RuntimeException {

		public CardExpiredException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	static class FraudSuspectedException extends Exception {

		public FraudSuspectedException(String message) {
			super(message);
		}

	}

	static class BrokenException extends RuntimeException {

		public BrokenException(String message) {
			super(message);
			throw new IllegalStateException("cannot be built");
		}

	}

	interface Broken {

		@TaskCall("charge")
		@TaskErrorMapping(type = "PaymentDeclined", exception = BrokenException.class)
		String charge(String card);

	}

	@AzollaTaskClient
	@TaskErrorMapping(type = "PaymentDeclined", exception = PaymentDeclinedException.class)
	@TaskErrorMapping(type = "PaymentDeclined", code = "EXPIRED", exception = CardExpiredException.class)
	interface Payments {

		@TaskCall("charge")
		String charge(String card);

		@TaskCall("charge")
		@TaskErrorMapping(type = "PaymentDeclined", exception = FraudSuspectedException.class)
		String chargeChecked(String card) throws FraudSuspectedException;

		@TaskCall("charge")
		java.util.concurrent.CompletableFuture<String> chargeAsync(String card);

	}

	@Test
	void theInterfacesMappingTurnsTheErrorTypeIntoItsException() {
		this.client.answerFailure("PaymentDeclined", "insufficient funds", "{\"code\":\"FUNDS\"}");

		assertThatExceptionOfType(PaymentDeclinedException.class).isThrownBy(() -> this.payments.charge("4242"))
			.withMessage("insufficient funds")
			.satisfies((declined) -> assertThat(declined.failed.getFailure().code()).contains("FUNDS"));
	}

	@Test
	void aMappingThatNamesTheCodeWinsOverOneThatDoesNot() {
		this.client.answerFailure("PaymentDeclined", "card expired", "{\"code\":\"EXPIRED\"}");

		assertThatExceptionOfType(CardExpiredException.class).isThrownBy(() -> this.payments.charge("4242"))
			.withMessage("card expired")
			.withCauseInstanceOf(TaskFailedException.class);
	}

	@Test
	void theMethodsMappingWinsAndMayBeACheckedExceptionItDeclares() {
		this.client.answerFailure("PaymentDeclined", "looks odd", "{\"code\":\"EXPIRED\"}");

		assertThatExceptionOfType(FraudSuspectedException.class).isThrownBy(() -> this.payments.chargeChecked("4242"))
			.withMessage("looks odd")
			.withCauseInstanceOf(TaskFailedException.class);
	}

	@Test
	void aFutureFailsWithTheMappedException() {
		this.client.answerFailure("PaymentDeclined", "insufficient funds", "{}");

		assertThat(this.payments.chargeAsync("4242")).failsWithin(java.time.Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(PaymentDeclinedException.class);
	}

	@Test
	void anExceptionThatCannotBeBuiltLeavesTheTaskFailedExceptionWithTheReason() {
		Broken broken = AzollaTaskClientFactory.of(this.client).createClient(Broken.class);
		this.client.answerFailure("PaymentDeclined", "insufficient funds", "{}");

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> broken.charge("4242"))
			.satisfies((failed) -> assertThat(failed.getSuppressed()).singleElement()
				.satisfies((reason) -> assertThat(reason).hasMessage("cannot be built")));
	}

	@Test
	void anUnmappedTypeStaysATaskFailedException() {
		this.client.answerFailure("GatewayDown", "try later", "{}");

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> this.payments.charge("4242"))
			.satisfies((failed) -> assertThat(failed.getFailure().type()).isEqualTo("GatewayDown"));
	}

}
