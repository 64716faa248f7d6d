package io.azolla.spring.client;

import java.util.Objects;

import io.azolla.spring.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A task creation request with its arguments already encoded as JSON text.
 *
 * @param taskName the task name
 * @param argsJson the positional arguments, a JSON array ({@code []} for none)
 * @param kwargsJson the named arguments, a JSON object ({@code {}} for none)
 * @param retryPolicy the retry policy, or {@code null} for the task's configured default
 * @param shepherdGroup the shepherd group, or {@code null} for the task's configured default
 */
public record TaskRequest(String taskName, String argsJson, String kwargsJson, @Nullable RetryPolicy retryPolicy,
		@Nullable String shepherdGroup) {

	public TaskRequest {
		Objects.requireNonNull(taskName, "taskName");
		argsJson = (argsJson != null) ? argsJson : "[]";
		kwargsJson = (kwargsJson != null) ? kwargsJson : "{}";
	}

}
