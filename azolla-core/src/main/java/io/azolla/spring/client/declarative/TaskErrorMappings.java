package io.azolla.spring.client.declarative;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Container of repeated {@link TaskErrorMapping} annotations.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TaskErrorMappings {

	/**
	 * The mappings.
	 * @return the mappings
	 */
	TaskErrorMapping[] value();

}
