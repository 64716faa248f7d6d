/**
 * The client API: {@link io.azolla.spring.client.AzollaClient} submits tasks and hands back a
 * {@link io.azolla.spring.client.TaskHandle} to wait for their results, with the task defaults,
 * settings and exceptions a caller sees. The implementations live in {@code client.grpc} (a
 * real orchestrator) and {@code client.embedded} (tasks run in this JVM).
 */
@NullMarked
package io.azolla.spring.client;

import org.jspecify.annotations.NullMarked;
