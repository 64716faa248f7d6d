package io.azolla.spring.worker.shepherd;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReconnectBackoff}.
 */
class ReconnectBackoffTests {

	@Test
	void growsByTheMultiplierUpToTheMaximum() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, () -> 1.0);
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void jitterKeepsAtLeastHalfOfTheBase() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, () -> 0.0);
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void resetStartsAgainFromTheInitialWait() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 3.0, () -> 1.0);
		backoff.next();
		backoff.next();
		backoff.reset();
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
	}

}
