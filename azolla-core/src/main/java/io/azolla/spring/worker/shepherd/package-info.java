/**
 * The in-process shepherd: one bidirectional stream to the orchestrator that registers this
 * application, receives tasks, reports their results and keeps the orchestrator informed of
 * free slots, reconnecting when the stream ends.
 */
@NullMarked
package io.azolla.spring.worker.shepherd;

import org.jspecify.annotations.NullMarked;
