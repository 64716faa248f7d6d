package io.azolla.spring.client.grpc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeBudgetTests {

	private final AtomicLong clock = new AtomicLong();

	@Test
	void burstIsATenthOfASecondsRateAndRefillsAtTheRate() {
		ProbeBudget budget = new ProbeBudget(1000, this.clock::get);

		assertThat(taken(budget, 500)).isEqualTo(100);

		this.clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
		assertThat(taken(budget, 500)).isEqualTo(20);

		this.clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
		assertThat(taken(budget, 500)).isEqualTo(100);
	}

	@Test
	void lowRateStillAllowsOneProbeAtATime() {
		ProbeBudget budget = new ProbeBudget(1, this.clock::get);

		assertThat(taken(budget, 5)).isEqualTo(1);
		this.clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
		assertThat(budget.tryTake()).isFalse();
		this.clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
		assertThat(budget.tryTake()).isTrue();
	}

	@Test
	void zeroRateNeverAllowsAProbe() {
		ProbeBudget budget = new ProbeBudget(0, this.clock::get);

		this.clock.addAndGet(TimeUnit.HOURS.toNanos(1));
		assertThat(budget.tryTake()).isFalse();
	}

	private static int taken(ProbeBudget budget, int attempts) {
		int taken = 0;
		for (int i = 0; i < attempts; i++) {
			if (budget.tryTake()) {
				taken++;
			}
		}
		return taken;
	}

}
