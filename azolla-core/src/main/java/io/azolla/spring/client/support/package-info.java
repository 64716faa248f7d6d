/**
 * Building blocks shared by the client implementations: request checks and encoding, the
 * common part of a task handle, and the observation hooks. Applications rarely need them
 * directly; they are public so that both implementations, and custom ones, can use them.
 */
@NullMarked
package io.azolla.spring.client.support;

import org.jspecify.annotations.NullMarked;
