/**
 * The client of a real orchestrator over gRPC: task creation, and waits that probe early and
 * then fall back to the server's long poll.
 */
@NullMarked
package io.azolla.spring.client.grpc;

import org.jspecify.annotations.NullMarked;
