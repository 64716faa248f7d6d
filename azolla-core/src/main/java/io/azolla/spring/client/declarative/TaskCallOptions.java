package io.azolla.spring.client.declarative;

import java.time.Duration;
import java.util.Objects;

import io.azolla.spring.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Settings for one call of a {@link TaskCall} method, given as a parameter of this type; such a
 * parameter is not sent to the task. Unset values, and a {@code null} argument, keep the
 * method's and the task's configured ones. Immutable: each setter returns a copy.
 * <pre class="code">
 * orders.price(order, TaskCallOptions.none().shepherdGroup("eu").waitTimeout(Duration.ofSeconds(5)));
 * </pre>
 */
public final class TaskCallOptions {

	private static final TaskCallOptions NONE = new TaskCallOptions(null, null, null);

	private final @Nullable RetryPolicy retryPolicy;

	private final @Nullable String shepherdGroup;

	private final @Nullable Duration waitTimeout;

	private TaskCallOptions(@Nullable RetryPolicy retryPolicy, @Nullable String shepherdGroup,
			@Nullable Duration waitTimeout) {
		this.retryPolicy = retryPolicy;
		this.shepherdGroup = shepherdGroup;
		this.waitTimeout = waitTimeout;
	}

	/**
	 * Returns options that change nothing.
	 * @return the options
	 */
	public static TaskCallOptions none() {
		return NONE;
	}

	/**
	 * Returns a copy with a retry policy that replaces the task's configured one.
	 * @param retryPolicy the policy
	 * @return the options
	 */
	public TaskCallOptions retryPolicy(RetryPolicy retryPolicy) {
		return new TaskCallOptions(Objects.requireNonNull(retryPolicy, "retryPolicy"), this.shepherdGroup,
				this.waitTimeout);
	}

	/**
	 * Returns a copy that sends the task to a shepherd group.
	 * @param shepherdGroup the group, not empty
	 * @return the options
	 */
	public TaskCallOptions shepherdGroup(String shepherdGroup) {
		return new TaskCallOptions(this.retryPolicy, Objects.requireNonNull(shepherdGroup, "shepherdGroup"),
				this.waitTimeout);
	}

	/**
	 * Returns a copy that waits at most the given time for the result.
	 * @param waitTimeout the wait, not negative
	 * @return the options
	 */
	public TaskCallOptions waitTimeout(Duration waitTimeout) {
		if (waitTimeout == null || waitTimeout.isNegative()) {
			throw new IllegalArgumentException("waitTimeout must not be negative (was " + waitTimeout + ")");
		}
		return new TaskCallOptions(this.retryPolicy, this.shepherdGroup, waitTimeout);
	}

	/**
	 * Returns the retry policy.
	 * @return the policy, or {@code null} when unset
	 */
	public @Nullable RetryPolicy getRetryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Returns the shepherd group.
	 * @return the group, or {@code null} when unset
	 */
	public @Nullable String getShepherdGroup() {
		return this.shepherdGroup;
	}

	/**
	 * Returns the wait timeout.
	 * @return the wait, or {@code null} when unset
	 */
	public @Nullable Duration getWaitTimeout() {
		return this.waitTimeout;
	}

}
