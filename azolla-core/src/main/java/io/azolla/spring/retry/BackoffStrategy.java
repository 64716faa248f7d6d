package io.azolla.spring.retry;

/**
 * How the wait between two attempts is computed, in the orchestrator's terms.
 */
public enum BackoffStrategy {

	/** The same delay before every retry. */
	FIXED,

	/** {@code min(initialDelay × multiplier^n, maxDelay)} after n attempts. */
	EXPONENTIAL,

	/** A uniformly random delay between zero and the exponential delay ("full jitter"). */
	EXPONENTIAL_JITTER

}
