package io.azolla.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the context's {@link AzollaTestOrchestrator} after each test method, so that tests
 * sharing a cached application context do not see each other's tasks, failures or holds.
 */
public class AzollaTestOrchestratorResetListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(AzollaTestOrchestrator.class).orderedStream().forEach(AzollaTestOrchestrator::reset);
	}

}
