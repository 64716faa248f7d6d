package io.azolla.spring.client.grpc;

import io.azolla.spring.client.OrchestratorDeadlineException;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.OrchestratorUnavailableException;
import io.azolla.spring.client.TaskRejectedException;
import io.azolla.spring.model.AzollaException;
import io.azolla.spring.retry.TransportRetry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;

/**
 * Classifies gRPC failures and turns them into the client's exceptions.
 */
final class GrpcFailures {

	private GrpcFailures() {
	}

	static AzollaException toException(StatusRuntimeException failure, String operation, @Nullable String taskName,
			@Nullable String taskId, boolean creating) {
		Status status = failure.getStatus();
		String description = (status.getDescription() != null) ? status.getDescription() : status.getCode().name();
		String subject = subject(taskName, taskId);
		return switch (status.getCode()) {
			case INVALID_ARGUMENT, RESOURCE_EXHAUSTED -> (creating)
					? new TaskRejectedException(taskName, description, failure)
					: new OrchestratorException(operation + " for " + subject + " was rejected: " + description,
							taskName, taskId, failure);
			case UNAVAILABLE -> {
				boolean unknown = creating && !TransportRetry.neverReachedServer(failure);
				yield new OrchestratorUnavailableException(operation + " for " + subject
						+ " failed: the orchestrator is unavailable (" + description + ")"
						+ (unknown ? "; the task may have been created" : ""), taskName, taskId, unknown, failure);
			}
			case DEADLINE_EXCEEDED -> new OrchestratorDeadlineException(operation + " for " + subject
					+ " got no answer within its deadline" + (creating ? "; the task may have been created" : ""),
					taskName, taskId, failure);
			default -> new OrchestratorException(operation + " for " + subject + " failed with " + status.getCode()
					+ ": " + description, taskName, taskId, failure);
		};
	}

	private static String subject(@Nullable String taskName, @Nullable String taskId) {
		if (taskId == null) {
			return "task '" + taskName + "'";
		}
		return "task " + taskId + ((taskName != null) ? " ('" + taskName + "')" : "");
	}

}
