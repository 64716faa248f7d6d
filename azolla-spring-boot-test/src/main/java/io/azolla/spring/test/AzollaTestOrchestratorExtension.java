package io.azolla.spring.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts an {@link AzollaTestOrchestrator} for a test class without Spring's test support,
 * resets it after each test and closes it after the class. Test methods, constructors and
 * {@code @BeforeAll} methods receive it as a parameter:
 * <pre class="code">
 * &#64;ExtendWith(AzollaTestOrchestratorExtension.class)
 * class PaymentWorkerTests {
 *
 *     &#64;Test
 *     void declinedPaymentIsNotRetried(AzollaTestOrchestrator azolla) {
 *         try (var app = new SpringApplicationBuilder(PaymentApp.class).properties(azolla.springProperties()).run()) {
 *             ...
 *         }
 *     }
 * }
 * </pre>
 * Or register it in a static field with {@code @RegisterExtension} and call
 * {@link #orchestrator()}.
 */
public class AzollaTestOrchestratorExtension
		implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private volatile @Nullable AzollaTestOrchestrator orchestrator;

	/**
	 * Returns the stand-in of the running test class.
	 * @return the stand-in
	 * @throws IllegalStateException outside a test class's run
	 */
	public AzollaTestOrchestrator orchestrator() {
		AzollaTestOrchestrator running = this.orchestrator;
		if (running == null) {
			throw new IllegalStateException("The AzollaTestOrchestrator runs only while its test class runs");
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.orchestrator == null) {
			this.orchestrator = AzollaTestOrchestrator.start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.orchestrator != null) {
			this.orchestrator.reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// A nested class shares its enclosing class's stand-in: only the outermost closes it.
		if (this.orchestrator != null && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty()) {
			this.orchestrator.close();
			this.orchestrator = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == AzollaTestOrchestrator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return orchestrator();
	}

}
