/**
 * The worker engine shared by every way of executing tasks: bounded concurrency, time limits,
 * execution listeners and statistics. The transports live in {@code worker.shepherd} (a
 * long-running in-process shepherd) and {@code worker.invocation} (one task per process).
 */
@NullMarked
package io.azolla.spring.worker;

import org.jspecify.annotations.NullMarked;
