package io.azolla.spring.client.declarative;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a parameter of a {@link TaskCall} method as a named argument (a {@code kwargs} entry).
 * A {@code null} or empty {@code Optional} value is left out, so the worker's default applies.
 * <p>
 * A method that sends positional and named arguments together binds as meant only on Java
 * workers; see {@link io.azolla.spring.client.support.MixedArguments}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TaskParam {

	/**
	 * The argument name; when empty, the parameter name, which needs compiling with
	 * {@code -parameters}.
	 * @return the name
	 */
	String value() default "";

}
