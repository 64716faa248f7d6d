/**
 * The embedded client: runs the application's own {@code @AzollaTask} methods in this JVM, with
 * the orchestrator's retry semantics, for development, demos and tests.
 */
@NullMarked
package io.azolla.spring.client.embedded;

import org.jspecify.annotations.NullMarked;
