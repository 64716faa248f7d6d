/**
 * The task model: {@link io.azolla.spring.task.AzollaTask} methods, their registry, argument
 * binding and result encoding, independent of how a task reaches this JVM.
 */
@NullMarked
package io.azolla.spring.task;

import org.jspecify.annotations.NullMarked;
