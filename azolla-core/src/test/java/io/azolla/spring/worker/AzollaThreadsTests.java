package io.azolla.spring.worker;

import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AzollaThreads}.
 */
class AzollaThreadsTests {

	@Test
	void theLibrarysThreadsAreNumberedDaemons() {
		ThreadFactory factory = AzollaThreads.daemon("azolla-test-");
		Thread first = factory.newThread(() -> {
		});
		Thread second = factory.newThread(() -> {
		});
		assertThat(first.isDaemon()).isTrue();
		assertThat(first.getName()).isEqualTo("azolla-test-1");
		assertThat(second.getName()).isEqualTo("azolla-test-2");
	}

	@Test
	void aStartedThreadHasItsNameAndDaemonFlag() throws Exception {
		Thread thread = AzollaThreads.start("azolla-test-single", false, () -> {
		});
		thread.join(5000);
		assertThat(thread.getName()).isEqualTo("azolla-test-single");
		assertThat(thread.isDaemon()).isFalse();
	}

}
