/**
 * Spring Boot auto-configuration for Azolla: the client, the task registry, the worker modes,
 * task clients and the actuator, observability glue, driven by {@code azolla.*} properties and
 * customizer beans.
 */
@NullMarked
package io.azolla.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
