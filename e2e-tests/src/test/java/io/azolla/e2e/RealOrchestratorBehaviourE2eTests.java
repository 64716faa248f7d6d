package io.azolla.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared behaviour cases against the real orchestrator: the reference the test kit's
 * stand-in is held to ({@link TestOrchestratorBehaviourTests} runs the same cases against it).
 */
@ExtendWith(RealOrchestrator.class)
class RealOrchestratorBehaviourE2eTests extends OrchestratorBehaviourCases {

	private static AzollaCluster cluster;

	@BeforeAll
	static void start() throws Exception {
		if (RealOrchestrator.unavailable(RealOrchestratorBehaviourE2eTests.class, AzollaCluster.skipReason().orElse(null))) {
			return;
		}
		cluster = AzollaCluster.start();
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Override
	String target() {
		return "127.0.0.1:" + cluster.port();
	}

}
