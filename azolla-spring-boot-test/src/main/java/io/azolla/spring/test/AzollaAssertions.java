package io.azolla.spring.test;

/**
 * Entry point of the AssertJ assertions on what the {@link AzollaTestOrchestrator} saw:
 * <pre class="code">
 * assertThat(azolla).hasSubmitted("send_email").withArgs("ada@example.com").inShepherdGroup("mail");
 * assertThat(azolla.awaitFinished(id, Duration.ofSeconds(5))).madeAttempts(3).succeededWith(42);
 * </pre>
 */
public final class AzollaAssertions {

	private AzollaAssertions() {
	}

	/**
	 * Starts assertions on the tasks a stand-in received.
	 * @param orchestrator the stand-in
	 * @return the assertions
	 */
	public static AzollaTestOrchestratorAssert assertThat(AzollaTestOrchestrator orchestrator) {
		return new AzollaTestOrchestratorAssert(orchestrator);
	}

	/**
	 * Starts assertions on one task.
	 * @param task the task snapshot
	 * @return the assertions
	 */
	public static SubmittedTaskAssert assertThat(SubmittedTask task) {
		return new SubmittedTaskAssert(task);
	}

}
