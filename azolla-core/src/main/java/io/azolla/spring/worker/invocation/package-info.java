/**
 * Invocation mode: the process was started by a shepherd for one task, runs it and reports the
 * result back to that shepherd before it exits.
 */
@NullMarked
package io.azolla.spring.worker.invocation;

import org.jspecify.annotations.NullMarked;
