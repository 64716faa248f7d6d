package io.azolla.spring.worker;

import java.util.UUID;

/**
 * Checks on task ids as the orchestrator hands them out.
 */
public final class TaskIds {

	private TaskIds() {
	}

	/**
	 * Tells whether a value is a uuid in its canonical 36 character form. The length check
	 * matters: {@link UUID#fromString(String)} also accepts shortened groups such as
	 * {@code 1-1-1-1-1}, which the orchestrator never sends.
	 * @param value the value to check
	 * @return {@code true} for a canonical uuid
	 */
	public static boolean isUuid(String value) {
		try {
			UUID.fromString(value);
			return value.length() == 36;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
