/**
 * Retry: the task retry policy the orchestrator applies (and its wire form), the in-JVM retry
 * engine of the embedded client, and the transport retry of calls to the orchestrator.
 */
@NullMarked
package io.azolla.spring.retry;

import org.jspecify.annotations.NullMarked;
