package io.azolla.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs the application's Azolla client and in-process shepherd against an
 * {@link AzollaTestOrchestrator} in a Spring Boot test:
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureAzollaTestOrchestrator
 * class OrderServiceTests {
 *
 *     &#64;Autowired
 *     AzollaTestOrchestrator azolla;
 *     ...
 * }
 * </pre>
 * The stand-in is a bean of the test's application context (so tests that share a context
 * share it) and is {@linkplain AzollaTestOrchestrator#reset() reset} after each test method.
 * Embedded mode ({@code azolla.embedded.enabled}) is switched off, so tasks travel through the
 * stand-in over gRPC. The auto-configurations this imports are listed in
 * {@code META-INF/spring/io.azolla.spring.test.AutoConfigureAzollaTestOrchestrator.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@TestPropertySource(properties = "azolla.embedded.enabled=false")
public @interface AutoConfigureAzollaTestOrchestrator {

}
