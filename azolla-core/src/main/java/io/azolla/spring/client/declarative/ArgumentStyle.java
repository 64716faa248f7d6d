package io.azolla.spring.client.declarative;

/**
 * How the parameters of a {@link TaskCall} method are sent to the task.
 */
public enum ArgumentStyle {

	/**
	 * As positional arguments (a JSON array), in declaration order; parameters marked
	 * {@link TaskParam} are sent by name instead.
	 */
	POSITIONAL,

	/**
	 * As named arguments (a JSON object), each under its {@link TaskParam} name or else its
	 * parameter name, which needs compiling with {@code -parameters}.
	 */
	NAMED

}
