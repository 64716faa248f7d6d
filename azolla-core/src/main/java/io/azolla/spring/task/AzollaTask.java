package io.azolla.spring.task;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as an Azolla task that workers execute when the orchestrator dispatches
 * a task of that name.
 * <p>
 * The method's parameters are bound from the task's JSON arguments (see
 * {@link ArgumentBinder}), a parameter of type {@link TaskContext} is injected, and the return
 * value becomes the task's result. Throw a {@link TaskException} to control the reported error.
 *
 * <pre class="code">
 * &#64;Component
 * class GreetingTasks {
 *
 *     &#64;AzollaTask(value = "greet_user", timeout = "${greeting.timeout:30s}")
 *     Greeting greet(String name, int age) {
 *         ...
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AzollaTask {

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
	 * The worker-side execution limit as a duration text such as {@code 30s}, {@code 500ms},
	 * {@code 5m} or {@code PT5M}; a plain number means milliseconds. May be a {@code ${...}}
	 * placeholder. Empty means the worker's default limit applies.
	 * @return the timeout text
	 */
	String timeout() default "";

}
