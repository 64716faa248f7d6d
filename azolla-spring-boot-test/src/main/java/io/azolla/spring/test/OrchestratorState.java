package io.azolla.spring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.azolla.proto.common.ErrorResult;
import io.azolla.proto.common.RetryPolicy;
import io.azolla.proto.common.Task;
import io.azolla.proto.common.TaskResult;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.proto.orchestrator.WaitForTaskResponse;
import io.azolla.proto.orchestrator.WaitForTaskStatus;
import io.azolla.spring.model.TaskFailure;
import io.grpc.stub.StreamObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The stand-in's memory: tasks, the dispatch queue, registered shepherds, pending waits and the
 * test's controls. Every method runs under one lock, whose monitor also wakes the test threads
 * that await a change.
 */
final class OrchestratorState {

	private static final Log logger = LogFactory.getLog(OrchestratorState.class);

	/** How often the orchestrator looks at a waited-for task; a wait times out on such a tick. */
	static final long WAIT_POLL_MILLIS = 200;

	/** The longest blocking wait, used when a request names no timeout. */
	static final long MAX_WAIT_MILLIS = 300_000;

	private final ScheduledExecutorService timer;

	private final String defaultShepherdGroup;

	private final Map<String, TaskEntry> tasks = new LinkedHashMap<>();

	private final List<TaskEntry> queue = new ArrayList<>();

	private final List<ShepherdEntry> shepherds = new ArrayList<>();

	private final List<PendingWait> waits = new ArrayList<>();

	private final Map<String, int[]> injectedFailures = new LinkedHashMap<>();

	private final Map<String, ErrorResult> injectedErrors = new LinkedHashMap<>();

	private final List<TaskHold> holds = new ArrayList<>();

	private int nextShepherd;

	OrchestratorState(ScheduledExecutorService timer, String defaultShepherdGroup) {
		this.timer = timer;
		this.defaultShepherdGroup = defaultShepherdGroup;
	}

	// ---- ClientService

	synchronized String create(String id, String domain, String name, String args, String kwargs,
			@Nullable RetryPolicy requestedPolicy, OrchestratorRetryRules rules, @Nullable String requestedGroup) {
		String group = (requestedGroup != null) ? requestedGroup : this.defaultShepherdGroup;
		TaskEntry task = new TaskEntry(id, domain, name, args, kwargs, requestedPolicy, rules, requestedGroup, group);
		this.tasks.put(id, task);
		enqueue(task);
		changed();
		return id;
	}

	/**
	 * Answers a wait: at once when the task has a result, is unknown (blocking mode) or when
	 * the request does not block; otherwise when the result arrives or on the first poll tick
	 * past the wait.
	 */
	synchronized void waitFor(String id, String domain, @Nullable Long timeoutMillis, PendingWait.Responder responder) {
		TaskEntry task = find(id, domain);
		if (task != null && task.result != null) {
			responder.answer(completed(task));
			return;
		}
		if (timeoutMillis != null && timeoutMillis == 0) {
			responder.answer(status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT));
			return;
		}
		if (task == null) {
			responder.answer(status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TASK_NOT_FOUND));
			return;
		}
		long max = (timeoutMillis != null) ? timeoutMillis : MAX_WAIT_MILLIS;
		long ticks = Math.max(1, (max + WAIT_POLL_MILLIS - 1) / WAIT_POLL_MILLIS);
		PendingWait wait = new PendingWait(id, domain, responder);
		// Scheduled first: a timer already shut down throws, and must not leave a wait without a timeout behind.
		wait.timeout = this.timer.schedule(() -> timeOut(wait), Math.min(ticks * WAIT_POLL_MILLIS, MAX_WAIT_MILLIS + WAIT_POLL_MILLIS),
				TimeUnit.MILLISECONDS);
		this.waits.add(wait);
	}

	synchronized void cancelWait(PendingWait.Responder responder) {
		this.waits.removeIf((wait) -> {
			if (wait.responder == responder) {
				wait.timeout.cancel(false);
				return true;
			}
			return false;
		});
	}

	private synchronized void timeOut(PendingWait wait) {
		if (this.waits.remove(wait)) {
			wait.responder.answer(status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TIMEOUT));
		}
	}

	private @Nullable TaskEntry find(String id, String domain) {
		TaskEntry task = this.tasks.get(id);
		return (task != null && task.domain.equals(domain)) ? task : null;
	}

	private static WaitForTaskResponse status(WaitForTaskStatus status) {
		return WaitForTaskResponse.newBuilder().setStatusCode(status).build();
	}

	@SuppressWarnings("NullAway") // called only for a task that has its result
	private static WaitForTaskResponse completed(TaskEntry task) {
		WaitForTaskResponse.Builder response = WaitForTaskResponse.newBuilder()
			.setStatusCode(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_COMPLETED);
		if (task.result.error != null) {
			response.setError(task.result.error);
		}
		else {
			response.setSuccess(io.azolla.proto.common.SuccessResult.newBuilder()
				.setResult(OrchestratorValues.toWire(task.result.value)));
		}
		return response.build();
	}

	// ---- ClusterService

	/**
	 * Registers a Hello: a new uuid is added with the Hello's settings; a known one that lost
	 * its stream is reconnected with its earlier settings, as the orchestrator does; a known one
	 * whose old stream is still open moves to the new stream.
	 */
	synchronized ShepherdEntry register(String uuid, String domain, String group, int maxConcurrency,
			StreamObserver<ServerMsg> stream) {
		ShepherdEntry entry = null;
		for (ShepherdEntry candidate : this.shepherds) {
			if (candidate.uuid.equals(uuid) && candidate.domain.equals(domain)) {
				entry = candidate;
			}
		}
		if (entry == null) {
			entry = new ShepherdEntry(uuid, domain, group, maxConcurrency);
			this.shepherds.add(entry);
		}
		entry.stream = stream;
		entry.connected = true;
		logger.debug("Shepherd " + uuid + " registered (domain '" + domain + "', group '" + entry.group + "')");
		dispatch();
		changed();
		return entry;
	}

	synchronized void status(ShepherdEntry entry, int currentLoad) {
		entry.reportedLoad = currentLoad;
		dispatch();
	}

	/**
	 * Marks the shepherd behind a stream disconnected, unless another stream took it over.
	 */
	synchronized void streamEnded(@Nullable ShepherdEntry entry, StreamObserver<ServerMsg> stream) {
		if (entry != null && entry.stream == stream) {
			entry.connected = false;
			entry.stream = null;
			changed();
		}
	}

	/**
	 * Applies a result, with no regard for the task's state, as the orchestrator does: a result
	 * for an unknown task, or one never dispatched, is dropped.
	 */
	synchronized void result(TaskResult result, String taskId) {
		TaskEntry task = this.tasks.get(taskId);
		if (task == null || task.attempts.isEmpty()) {
			logger.debug("Dropping a result for unknown or undispatched task " + taskId);
			return;
		}
		AttemptEntry last = task.attempts.get(task.attempts.size() - 1);
		last.finished = true;
		last.errorType = result.hasError() ? result.getError().getType()
				: (result.hasSuccess() ? null : "UnknownError");
		if (last.shepherd != null) {
			last.shepherd.outstanding.remove(taskId);
		}
		if (result.hasSuccess()) {
			task.state = SubmittedTask.State.SUCCEEDED;
			task.result = new StoredResult(OrchestratorValues.fromWire(
					result.getSuccess().hasResult() ? result.getSuccess().getResult() : null), null);
			finished(task);
		}
		else {
			ErrorResult error = result.hasError() ? result.getError()
					: ErrorResult.newBuilder()
						.setType("UnknownError")
						.setMessage("Task result had no result_type")
						.setData("null")
						.build();
			failed(task, error, result.hasError());
		}
		dispatch();
		changed();
	}

	private void failed(TaskEntry task, ErrorResult error, boolean retryEligible) {
		OrchestratorRetryRules rules = task.rules.asStored();
		int attemptsMade = task.attempts.size();
		boolean retry = retryEligible && rules.retries(error.getType())
				&& !rules.stopsAfter(attemptsMade, Duration.ofNanos(System.nanoTime() - task.createdNanos));
		if (!retry) {
			task.state = SubmittedTask.State.FAILED;
			task.result = new StoredResult(null, OrchestratorValues.normalizeError(error));
			finished(task);
			return;
		}
		task.state = SubmittedTask.State.WAITING_FOR_RETRY;
		Duration delay = rules.delayAfter(attemptsMade);
		if (task.retry != null) {
			task.retry.cancel(false);
		}
		task.retry = this.timer.schedule(() -> retryDue(task), delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	private synchronized void retryDue(TaskEntry task) {
		if (this.tasks.get(task.id) == task && task.state == SubmittedTask.State.WAITING_FOR_RETRY) {
			task.retry = null;
			enqueue(task);
			changed();
		}
	}

	private void finished(TaskEntry task) {
		for (Iterator<PendingWait> iterator = this.waits.iterator(); iterator.hasNext();) {
			PendingWait wait = iterator.next();
			if (wait.taskId.equals(task.id) && wait.domain.equals(task.domain)) {
				iterator.remove();
				wait.timeout.cancel(false);
				wait.responder.answer(completed(task));
			}
		}
	}

	// ---- dispatch

	/**
	 * Starts an attempt: it fails at once when the test injected a failure for the task's name,
	 * otherwise the task joins the tail of the queue.
	 */
	private void enqueue(TaskEntry task) {
		int[] remaining = this.injectedFailures.get(task.name);
		if (remaining != null && remaining[0] > 0) {
			remaining[0]--;
			AttemptEntry attempt = new AttemptEntry(task.attempts.size() + 1, null);
			task.attempts.add(attempt);
			task.state = SubmittedTask.State.RUNNING;
			result(TaskResult.newBuilder().setTaskId(task.id).setError(this.injectedErrors.get(task.name)).build(),
					task.id);
			return;
		}
		task.state = SubmittedTask.State.QUEUED;
		this.queue.add(task);
		dispatch();
	}

	/**
	 * Sends queued tasks, in order, to connected shepherds of their domain and group that have
	 * a free slot, taking the shepherds in turn. A slot is free when neither the shepherd's last
	 * reported load nor the tasks sent to it and not yet answered reach its maximum.
	 */
	@SuppressWarnings("NullAway") // a shepherd picked as connected has its stream
	private void dispatch() {
		boolean moved = false;
		for (Iterator<TaskEntry> iterator = this.queue.iterator(); iterator.hasNext();) {
			TaskEntry task = iterator.next();
			if (isHeld(task)) {
				task.state = SubmittedTask.State.HELD;
				continue;
			}
			task.state = SubmittedTask.State.QUEUED;
			ShepherdEntry shepherd = pick(task);
			if (shepherd == null) {
				continue;
			}
			Task message = Task.newBuilder()
				.setTaskId(task.id)
				.setName(task.name)
				.setArgs(task.args)
				.setKwargs(task.kwargs)
				.build();
			try {
				shepherd.stream.onNext(ServerMsg.newBuilder().setTask(message).build());
			}
			catch (RuntimeException ex) {
				// The stream died unnoticed: the task stays queued for another shepherd.
				logger.debug("Could not send task " + task.id + " to shepherd " + shepherd.uuid + ": " + ex);
				shepherd.connected = false;
				shepherd.stream = null;
				continue;
			}
			iterator.remove();
			task.state = SubmittedTask.State.RUNNING;
			task.attempts.add(new AttemptEntry(task.attempts.size() + 1, shepherd));
			shepherd.outstanding.add(task.id);
			moved = true;
		}
		if (moved) {
			changed();
		}
	}

	private @Nullable ShepherdEntry pick(TaskEntry task) {
		int count = this.shepherds.size();
		for (int i = 0; i < count; i++) {
			ShepherdEntry candidate = this.shepherds.get((this.nextShepherd + i) % count);
			if (candidate.connected && candidate.domain.equals(task.domain) && candidate.group.equals(task.group)
					&& candidate.hasFreeSlot()) {
				this.nextShepherd = (this.nextShepherd + i + 1) % count;
				return candidate;
			}
		}
		return null;
	}

	private boolean isHeld(TaskEntry task) {
		for (TaskHold hold : this.holds) {
			if (hold.taskName().equals(task.name)) {
				return true;
			}
		}
		return false;
	}

	// ---- controls

	synchronized void injectFailures(String taskName, int times, ErrorResult error) {
		this.injectedFailures.put(taskName, new int[] { times });
		this.injectedErrors.put(taskName, error);
	}

	synchronized void hold(TaskHold hold) {
		this.holds.add(hold);
		dispatch();
		changed();
	}

	synchronized void release(TaskHold hold) {
		this.holds.remove(hold);
		dispatch();
		changed();
	}

	/**
	 * Ends every open shepherd stream with the given action; the shepherds count as
	 * disconnected, their running tasks stay running.
	 */
	synchronized int endStreams(Consumer<StreamObserver<ServerMsg>> ending) {
		int ended = 0;
		for (ShepherdEntry shepherd : this.shepherds) {
			if (shepherd.stream != null) {
				StreamObserver<ServerMsg> stream = shepherd.stream;
				shepherd.stream = null;
				shepherd.connected = false;
				try {
					ending.accept(stream);
				}
				catch (RuntimeException ex) {
					// Already closed.
				}
				ended++;
			}
		}
		changed();
		return ended;
	}

	/**
	 * Forgets every task and control; registered shepherds stay. Pending waits are answered
	 * as for an unknown task.
	 */
	synchronized void reset() {
		for (TaskEntry task : this.tasks.values()) {
			if (task.retry != null) {
				task.retry.cancel(false);
			}
		}
		this.tasks.clear();
		this.queue.clear();
		this.injectedFailures.clear();
		this.injectedErrors.clear();
		this.holds.forEach(TaskHold::forget);
		this.holds.clear();
		this.shepherds.forEach((shepherd) -> shepherd.outstanding.clear());
		for (PendingWait wait : this.waits) {
			wait.timeout.cancel(false);
			wait.responder.answer(status(WaitForTaskStatus.WAIT_FOR_TASK_STATUS_TASK_NOT_FOUND));
		}
		this.waits.clear();
		changed();
	}

	// ---- queries for tests

	synchronized List<SubmittedTask> snapshot(Predicate<SubmittedTask> filter) {
		List<SubmittedTask> all = new ArrayList<>();
		for (TaskEntry task : this.tasks.values()) {
			SubmittedTask snapshot = task.snapshot();
			if (filter.test(snapshot)) {
				all.add(snapshot);
			}
		}
		return all;
	}

	synchronized List<ShepherdConnection> shepherds() {
		return this.shepherds.stream()
			.map((entry) -> new ShepherdConnection(entry.uuid, entry.domain, entry.group, entry.maxConcurrency,
					entry.connected))
			.toList();
	}

	/**
	 * Waits until the query answers something or the time is up.
	 * @return the last answer, possibly empty
	 */
	synchronized <T> Optional<T> await(Supplier<Optional<T>> query, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<T> answer = query.get();
			long remaining = deadline - System.nanoTime();
			if (answer.isPresent() || remaining <= 0) {
				return answer;
			}
			try {
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return answer;
			}
		}
	}

	private void changed() {
		notifyAll();
	}

	// ---- entries

	private static final class TaskEntry {

		final String id;

		final String domain;

		final String name;

		final String args;

		final String kwargs;

		final @Nullable RetryPolicy requestedPolicy;

		final OrchestratorRetryRules rules;

		final @Nullable String requestedGroup;

		final String group;

		final long createdNanos = System.nanoTime();

		final List<AttemptEntry> attempts = new ArrayList<>();

		SubmittedTask.State state = SubmittedTask.State.QUEUED;

		@Nullable StoredResult result;

		@Nullable ScheduledFuture<?> retry;

		TaskEntry(String id, String domain, String name, String args, String kwargs,
				@Nullable RetryPolicy requestedPolicy, OrchestratorRetryRules rules, @Nullable String requestedGroup,
				String group) {
			this.id = id;
			this.domain = domain;
			this.name = name;
			this.args = args;
			this.kwargs = kwargs;
			this.requestedPolicy = requestedPolicy;
			this.rules = rules;
			this.requestedGroup = requestedGroup;
			this.group = group;
		}

		SubmittedTask snapshot() {
			List<SubmittedTask.Attempt> attempts = this.attempts.stream()
				.map((attempt) -> new SubmittedTask.Attempt(attempt.number,
						Optional.ofNullable(attempt.shepherd).map((shepherd) -> shepherd.uuid),
						Optional.ofNullable(attempt.errorType), attempt.finished))
				.toList();
			return new SubmittedTask(this.id, this.name, this.domain, this.args, this.kwargs,
					Optional.ofNullable(this.requestedPolicy), Optional.ofNullable(this.requestedGroup), this.state,
					attempts, Optional.ofNullable(this.result).map((stored) -> stored.asClientResult(this.id)));
		}

	}

	private static final class AttemptEntry {

		final int number;

		final @Nullable ShepherdEntry shepherd;

		@Nullable String errorType;

		boolean finished;

		AttemptEntry(int number, @Nullable ShepherdEntry shepherd) {
			this.number = number;
			this.shepherd = shepherd;
		}

	}

	static final class ShepherdEntry {

		final String uuid;

		final String domain;

		final String group;

		final int maxConcurrency;

		final Set<String> outstanding = new LinkedHashSet<>();

		int reportedLoad;

		boolean connected;

		@Nullable StreamObserver<ServerMsg> stream;

		ShepherdEntry(String uuid, String domain, String group, int maxConcurrency) {
			this.uuid = uuid;
			this.domain = domain;
			this.group = group;
			this.maxConcurrency = maxConcurrency;
		}

		boolean hasFreeSlot() {
			long busy = Math.max(Integer.toUnsignedLong(this.reportedLoad), this.outstanding.size());
			return busy < Integer.toUnsignedLong(this.maxConcurrency);
		}

	}

	/**
	 * A final result as stored: a value or an error.
	 */
	private record StoredResult(@Nullable JsonNode value, @Nullable ErrorResult error) {

		io.azolla.spring.model.TaskResult asClientResult(String taskId) {
			if (this.error == null) {
				return io.azolla.spring.model.TaskResult.success(taskId, this.value, OrchestratorValues.mapper());
			}
			return io.azolla.spring.model.TaskResult.failure(taskId,
					new TaskFailure(this.error.getType(), this.error.getMessage(),
							OrchestratorValues.parseLenient(this.error.getData()), this.error.getRetriable()),
					OrchestratorValues.mapper());
		}

	}

	/**
	 * A blocking WaitForTask call not answered yet.
	 */
	static final class PendingWait {

		final String taskId;

		final String domain;

		final Responder responder;

		@SuppressWarnings("NullAway.Init") // set by waitFor before it releases the state's lock
		ScheduledFuture<?> timeout;

		PendingWait(String taskId, String domain, Responder responder) {
			this.taskId = taskId;
			this.domain = domain;
			this.responder = responder;
		}

		/**
		 * Sends the one answer of a wait.
		 */
		interface Responder {

			void answer(WaitForTaskResponse response);

		}

	}

}
