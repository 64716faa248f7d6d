/**
 * Test support for applications that use the Azolla starter: an in-JVM orchestrator stand-in
 * that speaks the real gRPC protocol ({@link io.azolla.spring.test.AzollaTestOrchestrator}),
 * AssertJ assertions on what it received ({@link io.azolla.spring.test.AzollaAssertions}),
 * controls for failure cases, and its wiring into Spring Boot tests
 * ({@link io.azolla.spring.test.AutoConfigureAzollaTestOrchestrator}) and plain JUnit tests
 * ({@link io.azolla.spring.test.AzollaTestOrchestratorExtension}).
 */
@NullMarked
package io.azolla.spring.test;

import org.jspecify.annotations.NullMarked;
