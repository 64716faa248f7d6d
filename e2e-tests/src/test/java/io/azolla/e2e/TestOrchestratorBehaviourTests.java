package io.azolla.e2e;

import io.azolla.spring.test.AzollaTestOrchestrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared behaviour cases against the test kit's in-JVM stand-in. They need no binaries, so
 * they run in every build; {@link RealOrchestratorBehaviourE2eTests} runs the same cases
 * against the real orchestrator.
 */
class TestOrchestratorBehaviourTests extends OrchestratorBehaviourCases {

	private static AzollaTestOrchestrator orchestrator;

	@BeforeAll
	static void start() {
		orchestrator = AzollaTestOrchestrator.start();
	}

	@AfterAll
	static void stop() {
		orchestrator.close();
	}

	@Override
	String target() {
		return orchestrator.target();
	}

}
