package io.azolla.spring.client.grpc;

import io.azolla.spring.client.AzollaException;
import io.azolla.spring.client.OrchestratorDeadlineException;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.OrchestratorUnavailableException;
import io.azolla.spring.client.TaskRejectedException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Classifies gRPC failures and turns them into the client's exceptions.
 */
public final class GrpcFailures {

	private GrpcFailures() {
	}

	/**
	 * Returns whether a call failed before any byte of it reached the server: the connection
	 * was refused or the host did not resolve. Only such a call may be repeated when a
	 * duplicate would do harm, as with a task creation or a result report.
	 * @param failure the failure of a call
	 * @return {@code true} when the server surely never saw the call
	 */
	public static boolean neverReachedServer(Throwable failure) {
		if (!(failure instanceof StatusRuntimeException status)
				|| status.getStatus().getCode() != Status.Code.UNAVAILABLE) {
			return false;
		}
		for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Makes a channel try to connect again at once instead of waiting out gRPC's own
	 * reconnect backoff, which grows to minutes during a long outage. Callers that pace their
	 * own retries call this before each one, so a restarted server is found as soon as it
	 * listens again.
	 * @param channel the channel; anything but a {@link ManagedChannel} is left alone
	 */
	public static void reconnectNow(Channel channel) {
		if (channel instanceof ManagedChannel managed) {
			managed.resetConnectBackoff();
		}
	}

	/**
	 * Returns whether an idempotent call (a wait or a check) may simply be repeated.
	 */
	static boolean isTransient(Throwable failure) {
		if (!(failure instanceof StatusRuntimeException status)) {
			return false;
		}
		Status.Code code = status.getStatus().getCode();
		return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
	}

	static AzollaException toException(StatusRuntimeException failure, String operation, String taskName,
			String taskId, boolean creating) {
		Status status = failure.getStatus();
		String description = (status.getDescription() != null) ? status.getDescription() : status.getCode().name();
		String subject = subject(taskName, taskId);
		return switch (status.getCode()) {
			case INVALID_ARGUMENT, RESOURCE_EXHAUSTED -> (creating)
					? new TaskRejectedException(taskName, description, failure)
					: new OrchestratorException(operation + " for " + subject + " was rejected: " + description,
							taskName, taskId, failure);
			case UNAVAILABLE -> {
				boolean unknown = creating && !neverReachedServer(failure);
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

	private static String subject(String taskName, String taskId) {
		if (taskId == null) {
			return "task '" + taskName + "'";
		}
		return "task " + taskId + ((taskName != null) ? " ('" + taskName + "')" : "");
	}

}
