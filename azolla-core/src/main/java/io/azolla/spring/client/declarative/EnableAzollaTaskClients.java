package io.azolla.spring.client.declarative;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Registers a bean for each {@link AzollaTaskClient} interface found in the given packages (by
 * default the package of the annotated class) and for each interface listed in
 * {@link #clients()}, which need not carry {@link AzollaTaskClient}.
 * <p>
 * The beans are made by the context's {@link AzollaTaskClientFactory} (Spring Boot's
 * auto-configuration provides one, tuned by {@link AzollaTaskClientFactoryCustomizer} beans),
 * or else by a factory built from the context's {@code AzollaClient}. Each bean is named after
 * the interface's fully qualified name.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(AzollaTaskClientsRegistrar.class)
public @interface EnableAzollaTaskClients {

	/**
	 * Alias for {@link #basePackages()}.
	 * @return the packages to scan
	 */
	String[] value() default {};

	/**
	 * The packages scanned for {@link AzollaTaskClient} interfaces, sub-packages included.
	 * @return the packages to scan
	 */
	String[] basePackages() default {};

	/**
	 * Classes whose packages are scanned, a type-safe form of {@link #basePackages()}.
	 * @return the classes
	 */
	Class<?>[] basePackageClasses() default {};

	/**
	 * Interfaces registered without scanning; when set, and no package is, nothing is scanned.
	 * @return the interfaces
	 */
	Class<?>[] clients() default {};

}
