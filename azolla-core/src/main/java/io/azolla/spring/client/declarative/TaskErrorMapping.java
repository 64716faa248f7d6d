package io.azolla.spring.client.declarative;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a task failure of a given error type into an exception of the interface's own, on a
 * task client interface (for all its methods) or on one method (checked first).
 * <pre class="code">
 * &#64;AzollaTaskClient
 * &#64;TaskErrorMapping(type = "PaymentDeclined", exception = PaymentDeclinedException.class)
 * interface Payments { ... }
 * </pre>
 * The exception class needs a public constructor taking the
 * {@link io.azolla.spring.model.TaskFailedException} (which carries the failure's type,
 * message, code and data), or taking a message and a cause, or a message alone. A checked
 * exception must be declared by every waiting method it applies to. Unmapped failures throw
 * {@code TaskFailedException}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(TaskErrorMappings.class)
public @interface TaskErrorMapping {

	/**
	 * The error type the worker reported, such as {@code PaymentDeclined}.
	 * @return the type
	 */
	String type();

	/**
	 * The error code ({@code data.code}) the failure must also carry; empty matches any code.
	 * A mapping with a code is preferred over one without.
	 * @return the code
	 */
	String code() default "";

	/**
	 * The exception thrown instead of {@code TaskFailedException}.
	 * @return the exception class
	 */
	Class<? extends Exception> exception();

}
