/**
 * Declarative task clients: interfaces annotated with
 * {@link io.azolla.spring.client.declarative.AzollaTaskClient} whose methods submit tasks
 * through an {@link io.azolla.spring.client.AzollaClient}.
 */
@NullMarked
package io.azolla.spring.client.declarative;

import org.jspecify.annotations.NullMarked;
