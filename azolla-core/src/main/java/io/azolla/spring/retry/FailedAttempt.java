package io.azolla.spring.retry;

import org.jspecify.annotations.Nullable;

/**
 * Carries a failed attempt's outcome through spring-retry, which only recognises failures that
 * are thrown. Without a stack trace: it is control flow, not an error to diagnose.
 */
@SuppressWarnings("serial")
final class FailedAttempt extends RuntimeException {

	private final String type;

	private final transient Object outcome;

	FailedAttempt(String type, Object outcome) {
		super("Attempt failed with " + type, null, false, false);
		this.type = type;
		this.outcome = outcome;
	}

	Object outcome() {
		return this.outcome;
	}

	static @Nullable String typeOf(Throwable throwable) {
		return (throwable instanceof FailedAttempt failure) ? failure.type : null;
	}

}
