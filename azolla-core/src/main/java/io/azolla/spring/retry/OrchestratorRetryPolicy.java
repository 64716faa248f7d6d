package io.azolla.spring.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.retry.RetryContext;
import org.springframework.retry.context.RetryContextSupport;

/**
 * A spring-retry policy that decides like the orchestrator's scheduler (protocol §3.4): by
 * error type, attempts made and whole seconds since task creation.
 * <p>
 * The decision is taken once per failure, in {@link #registerThrowable}, and only read back by
 * {@link #canRetry}: spring-retry asks {@code canRetry} again after the back-off sleep, and the
 * orchestrator never re-checks the time limit once a retry is scheduled.
 */
@SuppressWarnings("serial")
final class OrchestratorRetryPolicy implements org.springframework.retry.RetryPolicy {

	private static final String DECISION = OrchestratorRetryPolicy.class.getName() + ".retry";

	private final RetryPolicy policy;

	private final Instant createdAt;

	private final Clock clock;

	private final Function<Throwable, @Nullable String> errorType;

	OrchestratorRetryPolicy(RetryPolicy policy, Instant createdAt, Clock clock,
			Function<Throwable, @Nullable String> errorType) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.errorType = Objects.requireNonNull(errorType, "errorType");
	}

	@Override
	public boolean canRetry(RetryContext context) {
		// No decision yet means no attempt yet: the first attempt always runs.
		Object decision = context.getAttribute(DECISION);
		return decision == null || (Boolean) decision;
	}

	@Override
	public RetryContext open(@Nullable RetryContext parent) {
		return new RetryContextSupport(parent);
	}

	@Override
	public void close(RetryContext context) {
	}

	@Override
	public void registerThrowable(RetryContext context, Throwable throwable) {
		((RetryContextSupport) context).registerThrowable(throwable);
		context.setAttribute(DECISION, mayRetry(throwable, context.getRetryCount()));
	}

	@Override
	public int getMaxAttempts() {
		return this.policy.maxAttempts().orElse(NO_MAXIMUM_ATTEMPTS_SET);
	}

	private boolean mayRetry(Throwable throwable, int attemptsMade) {
		String type = this.errorType.apply(throwable);
		if (type == null || !this.policy.retries(type) || this.policy.attemptsExhausted(attemptsMade)) {
			return false;
		}
		return !this.policy.elapsedExhausted(Duration.between(this.createdAt, this.clock.instant()));
	}

}
