package io.azolla.spring.retry;

/**
 * Thrown when a retry policy holds a value the orchestrator would reject or mishandle.
 */
public class InvalidRetryPolicyException extends IllegalArgumentException {

	private final String field;

	public InvalidRetryPolicyException(String field, String problem) {
		super("Invalid retry policy: " + field + " " + problem);
		this.field = field;
	}

	/**
	 * Returns the policy field at fault, such as {@code backoff.multiplier}.
	 * @return the field path
	 */
	public String getField() {
		return this.field;
	}

}
