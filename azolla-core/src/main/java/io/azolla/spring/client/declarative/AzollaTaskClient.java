package io.azolla.spring.client.declarative;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods submit Azolla tasks, so that
 * {@link EnableAzollaTaskClients} registers an implementation of it as a bean. Each abstract
 * method needs {@link TaskCall}.
 * <pre class="code">
 * &#64;AzollaTaskClient
 * interface Orders {
 *
 *     &#64;TaskCall("price_order")
 *     Quote price(Order order);                          // waits for the result
 *
 *     &#64;TaskCall("price_order")
 *     CompletableFuture&lt;Quote&gt; priceAsync(Order order);
 *
 *     &#64;TaskCall("send_email")
 *     TaskHandle sendEmail(String to, String body);      // submits only
 *
 * }
 * </pre>
 * The name differs from {@code AzollaClient}, the programmatic client these interfaces are
 * built on, and the methods carry {@link TaskCall} rather than
 * {@link io.azolla.spring.task.AzollaTask @AzollaTask}, which marks the methods a worker executes.
 *
 * @see AzollaTaskClientFactory
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AzollaTaskClient {

}
