/**
 * Result types shared by the client and the worker side: a task's result or failure, and the
 * JSON value encoding both sides use on the wire.
 */
@NullMarked
package io.azolla.spring.model;

import org.jspecify.annotations.NullMarked;
