/**
 * Actuator and Micrometer support: the {@code azolla} endpoint, the health indicator, meters
 * and observations of task submissions, waits and executions.
 */
@NullMarked
package io.azolla.spring.actuate;

import org.jspecify.annotations.NullMarked;
