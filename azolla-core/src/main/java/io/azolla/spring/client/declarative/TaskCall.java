package io.azolla.spring.client.declarative;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a method of a task client interface to the submission of one Azolla task.
 * <p>
 * Parameters are sent as positional arguments in declaration order, except a
 * {@link TaskCallOptions} parameter, which tunes the one call, and parameters marked
 * {@link TaskParam}, which are sent as named arguments. {@link #arguments()
 * arguments = NAMED} sends every parameter by its name.
 * <p>
 * The return type says what the call does: a value type submits and waits, a
 * {@code CompletableFuture} waits without holding a thread, {@code Optional} waits and is
 * empty when the task failed, {@code TaskResult} waits and returns the outcome as it is,
 * {@code TaskHandle} and {@code void} only submit.
 * <p>
 * The task's {@code azolla.tasks.<name>.*} properties apply as for a submission in code;
 * a shepherd group set there wins over {@link #shepherdGroup()}, and a {@link TaskCallOptions}
 * argument wins over both.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TaskCall {

	/**
	 * The task name; when empty, the method name is used.
	 * @return the task name
	 */
	String value() default "";

	/**
	 * Alias for {@link #value()}; set one of the two, or both to the same name.
	 * @return the task name
	 */
	String name() default "";

	/**
	 * How the parameters are sent.
	 * @return the argument style
	 */
	ArgumentStyle arguments() default ArgumentStyle.POSITIONAL;

	/**
	 * The shepherd group the task is sent to, unless {@code azolla.tasks.<name>.shepherd-group}
	 * is set. May be a {@code ${...}} placeholder. Empty means the task's configured group.
	 * @return the group
	 */
	String shepherdGroup() default "";

	/**
	 * How long a waiting method waits for the result, as a duration text such as {@code 10s}
	 * or {@code PT2M}; may be a {@code ${...}} placeholder. Empty means the client's wait
	 * timeout ({@code azolla.client.wait-timeout}).
	 * @return the wait timeout text
	 */
	String waitTimeout() default "";

}
