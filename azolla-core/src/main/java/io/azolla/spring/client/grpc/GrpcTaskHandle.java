package io.azolla.spring.client.grpc;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.OrchestratorException;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.WaitSchedule;
import io.azolla.spring.client.support.AbstractTaskHandle;
import io.azolla.spring.model.AzollaException;
import io.azolla.spring.model.TaskResult;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.jspecify.annotations.Nullable;

/**
 * A handle that waits through {@code WaitForTask} calls. The first final result is kept, so
 * later calls answer without asking the orchestrator again.
 */
final class GrpcTaskHandle extends AbstractTaskHandle {

	private static final long SERVER_POLL_MILLIS = 200;

	private static final long EARLY_ANSWER_SLACK_MILLIS = 50;

	private static final long MIN_WAIT_MARGIN_MILLIS = 1_000;

	private final GrpcAzollaClient client;

	private volatile @Nullable TaskResult result;

	GrpcTaskHandle(GrpcAzollaClient client, String id, @Nullable String taskName) {
		super(id, taskName);
		this.client = client;
	}

	@Override
	protected Duration defaultWait() {
		return this.client.defaultWait();
	}

	@Override
	public Optional<TaskResult> tryResult() {
		if (this.result != null) {
			return Optional.of(this.result);
		}
		AzollaClientSettings settings = this.client.settings();
		try {
			WaitForTaskResponse response = settings.transportRetry()
				.execute(() -> ClientServiceGrpc.newBlockingStub(this.client.channel())
					.withDeadlineAfter(settings.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
					.waitForTask(request(0)), this.client::retryIdempotent);
			return Optional.ofNullable(handle(response));
		}
		catch (StatusRuntimeException ex) {
			throw GrpcFailures.toException(ex, "Checking", taskName(), id(), false);
		}
	}

	@Override
	public CompletableFuture<TaskResult> resultAsync(Duration timeout) {
		Duration wait = requireTimeout(timeout);
		if (this.result != null) {
			return CompletableFuture.completedFuture(this.result);
		}
		WaitLoop loop = new WaitLoop(wait);
		this.client.track(loop.future);
		loop.start();
		return loop.future;
	}

	private WaitForTaskRequest request(long timeoutMillis) {
		return WaitForTaskRequest.newBuilder()
			.setTaskId(id())
			.setDomain(this.client.domain())
			.setTimeoutMs(timeoutMillis)
			.build();
	}

	/**
	 * Turns a response into a result, {@code null} while the task is unfinished, or an exception.
	 */
	private @Nullable TaskResult handle(WaitForTaskResponse response) {
		switch (response.getStatusCode()) {
			case WAIT_FOR_TASK_STATUS_COMPLETED:
				TaskResult finished = this.client.decode(id(), response);
				this.result = finished;
				return finished;
			case WAIT_FOR_TASK_STATUS_TASK_NOT_FOUND:
				throw new TaskNotFoundException(taskName(), id(), this.client.domain());
			case WAIT_FOR_TASK_STATUS_INTERNAL_ERROR:
				throw new OrchestratorException("The orchestrator reported an internal error while looking up task "
						+ id() + " in domain '" + this.client.domain() + "'", taskName(), id(), null);
			default:
				// TIMEOUT means still running; UNSPECIFIED is never sent but treated the same way.
				return null;
		}
	}

	/**
	 * One wait: a chain of {@code WaitForTask} calls, each started when the previous answers,
	 * so no thread is held while the task runs. It begins with probes ({@code timeout_ms = 0},
	 * answered at once) per the client's {@link WaitSchedule}, then long-polls.
	 */
	private final class WaitLoop {

		private final CompletableFuture<TaskResult> future = new CompletableFuture<>();

		private final Duration timeout;

		private final long started;

		private final long deadline;

		private final WaitSchedule schedule;

		private int failures;

		private int probesSent;

		private volatile boolean probing;

		private volatile @Nullable ListenableFuture<WaitForTaskResponse> call;

		private volatile long callStarted;

		private volatile long callWaitMillis;

		WaitLoop(Duration timeout) {
			this.timeout = timeout;
			this.started = System.nanoTime();
			this.deadline = this.started + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
			this.schedule = GrpcTaskHandle.this.client.settings().waitSchedule();
			this.future.whenComplete((value, failure) -> {
				ListenableFuture<WaitForTaskResponse> current = this.call;
				// However the wait ended (cancelled, client closed), the call under way is useless.
				if (current != null && !current.isDone()) {
					current.cancel(true);
				}
			});
		}

		/**
		 * Begins the wait, which is already counted among the client's open waits.
		 */
		void start() {
			this.probing = this.schedule.probes()
					&& GrpcTaskHandle.this.client.openWaitCount() <= this.schedule.maxOpenWaits()
					&& GrpcTaskHandle.this.client.longTasks().shouldProbe(taskName());
			if (this.probing) {
				probeLater();
			}
			else {
				poll();
			}
		}

		/**
		 * Sends the next call: a probe while the schedule and the client's budget allow one,
		 * otherwise a long poll. Once a wait long-polls it never probes again.
		 */
		void poll() {
			if (this.future.isDone()) {
				return;
			}
			if (this.probing && !GrpcTaskHandle.this.client.probeBudget().tryTake()) {
				this.probing = false;
			}
			AzollaClientSettings settings = GrpcTaskHandle.this.client.settings();
			long waitMillis;
			long deadlineMillis;
			if (this.probing) {
				this.probesSent++;
				waitMillis = 0;
				deadlineMillis = settings.rpcTimeout().toMillis();
			}
			else {
				long remainingMillis = TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
				waitMillis = Math.max(0, Math.min(remainingMillis, settings.maxWaitPerCall().toMillis()));
				// The margin covers the server's 200 ms polling even when the configured timeout is tiny.
				deadlineMillis = waitMillis + Math.max(settings.rpcTimeout().toMillis(), MIN_WAIT_MARGIN_MILLIS);
			}
			CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
			ClientCall<WaitForTaskRequest, WaitForTaskResponse> clientCall = GrpcTaskHandle.this.client.channel()
				.newCall(ClientServiceGrpc.getWaitForTaskMethod(), options);
			ListenableFuture<WaitForTaskResponse> pending = ClientCalls.futureUnaryCall(clientCall, request(waitMillis));
			this.call = pending;
			if (this.future.isDone()) {
				// Ended between the check above and now: the listener above missed this call.
				pending.cancel(true);
				return;
			}
			this.callStarted = System.nanoTime();
			this.callWaitMillis = waitMillis;
			pending.addListener(() -> onAnswer(pending), Runnable::run);
		}

		@SuppressWarnings("NullAway") // the ExecutionException of a failed call always has a cause
		private void onAnswer(ListenableFuture<WaitForTaskResponse> pending) {
			if (this.future.isDone()) {
				return;
			}
			try {
				WaitForTaskResponse response = pending.get();
				this.failures = 0;
				TaskResult finished = handle(response);
				if (finished != null) {
					if (this.probing) {
						GrpcTaskHandle.this.client.longTasks().seenWhileProbing(taskName());
					}
					this.future.complete(finished);
				}
				else if (System.nanoTime() - this.deadline >= 0) {
					this.future.completeExceptionally(
							new TaskWaitTimeoutException(taskName(), id(), this.timeout));
				}
				else {
					pollAgain();
				}
			}
			catch (ExecutionException ex) {
				onFailure(ex.getCause());
			}
			catch (AzollaException ex) {
				this.future.completeExceptionally(ex);
			}
			catch (InterruptedException | CancellationException ex) {
				this.future.cancel(false);
			}
			catch (RuntimeException ex) {
				this.future.completeExceptionally(ex);
			}
		}

		/**
		 * Starts the next call from the client's timer thread, never from the answering
		 * thread, so a chain of quick answers cannot grow the stack. An orchestrator that
		 * answers a long poll with "still running" well before the asked wait is polled at its
		 * own 200 ms granularity rather than in a busy loop.
		 */
		private void pollAgain() {
			if (this.probing) {
				probeLater();
				return;
			}
			long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.callStarted);
			long delay = (tookMillis + EARLY_ANSWER_SLACK_MILLIS < this.callWaitMillis) ? SERVER_POLL_MILLIS : 0;
			schedulePoll(delay);
		}

		/**
		 * Schedules the next probe, or ends the probe phase with a long poll at once when that
		 * probe would come after the phase or after the wait's deadline. A long poll looks for
		 * the result as soon as it arrives, so nothing is lost by switching; it is also what
		 * tells an unknown task id apart, which a probe cannot.
		 */
		private void probeLater() {
			long delay = this.schedule.nanosBeforeProbe(this.probesSent);
			long at = System.nanoTime() + delay;
			boolean phaseOver = at - this.started > this.schedule.probePhase().toNanos();
			if (phaseOver || at - this.deadline >= 0) {
				if (phaseOver) {
					GrpcTaskHandle.this.client.longTasks().outlivedProbePhase(taskName());
				}
				this.probing = false;
				schedulePoll(0);
				return;
			}
			scheduleNanos(delay);
		}

		private void schedulePoll(long delayMillis) {
			scheduleNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
		}

		private void scheduleNanos(long delayNanos) {
			try {
				GrpcTaskHandle.this.client.scheduler().schedule(this::poll, delayNanos, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// The client was closed while this wait was under way: end it rather than hang.
				this.future.completeExceptionally(new OrchestratorException(
						"Waiting for task " + id() + " stopped: the client was closed", taskName(), id(), ex));
			}
		}

		private void onFailure(Throwable failure) {
			GrpcAzollaClient client = GrpcTaskHandle.this.client;
			this.failures++;
			boolean timeLeft = System.nanoTime() - this.deadline < 0;
			if (client.retryIdempotent(failure) && timeLeft
					&& this.failures < client.settings().transportRetry().maxAttempts()) {
				// The same kind of call again: a failed probe is retried as a probe (budget allowing).
				schedulePoll(client.settings().transportRetry().backoff(this.failures).toMillis());
				return;
			}
			if (failure instanceof StatusRuntimeException status) {
				this.future.completeExceptionally(GrpcFailures.toException(status, "Waiting", taskName(), id(), false));
			}
			else {
				this.future.completeExceptionally(new OrchestratorException("Waiting for task " + id() + " failed: " + failure, taskName(), id(),
						failure));
			}
		}

	}

}
