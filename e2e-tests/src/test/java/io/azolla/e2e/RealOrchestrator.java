package io.azolla.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Decides whether an e2e test class runs against the real binaries. A class asks once, in its
 * {@code @BeforeAll}, through {@link #unavailable}; when it cannot run, every one of its tests is
 * then skipped one by one with the reason (so reports count them), or, in CI with the binaries
 * present, the class fails: there a skip would hide a broken set-up.
 */
final class RealOrchestrator implements BeforeEachCallback {

	private static final Map<Class<?>, String> skipped = new ConcurrentHashMap<>();

	/**
	 * Records that the given class cannot run, for the given reason, and says so on the console
	 * (JUnit shows skip reasons only in reports); returns {@code false} when the reason is
	 * {@code null} and the class can run.
	 * @throws IllegalStateException in CI with the binaries present
	 */
	static boolean unavailable(Class<?> testClass, String reason) {
		if (reason == null) {
			return false;
		}
		if (mustRun()) {
			throw new IllegalStateException("[e2e] CI=true and AZOLLA_HOME holds the binaries, but "
					+ testClass.getSimpleName() + " cannot run: " + reason);
		}
		System.out.println("[e2e] skipped " + testClass.getSimpleName() + ": " + reason);
		skipped.put(testClass, reason);
		return true;
	}

	/**
	 * Whether a test class that cannot start must fail rather than skip: in CI whenever the
	 * binaries are there.
	 */
	static boolean mustRun() {
		return "true".equalsIgnoreCase(System.getenv("CI")) && AzollaCluster.binariesPresent();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		String reason = skipped.get(context.getRequiredTestClass());
		assumeTrue(reason == null, reason);
	}

}
