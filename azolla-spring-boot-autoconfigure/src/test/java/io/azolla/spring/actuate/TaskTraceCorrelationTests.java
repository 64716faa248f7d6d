package io.azolla.spring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.azolla.proto.common.TaskResult;
import io.azolla.spring.task.TaskInvoker;
import io.azolla.spring.task.TaskRegistry;
import io.azolla.spring.task.TaskTimeoutException;
import io.azolla.spring.worker.ObservedTaskAttempt;
import io.azolla.spring.worker.TaskExecutionEngine;
import io.azolla.spring.worker.TaskExecutionListener;
import io.azolla.spring.worker.TaskTimeouts;
import io.azolla.spring.worker.TimeLimiter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A log line written inside a task carries the trace id of its execution span, with a real
 * tracer (Brave through Micrometer Tracing, its trace ids put in the logging MDC as Spring Boot
 * does): in the shepherd's engine on platform and virtual threads, in the time-limited attempts
 * of embedded and invocation mode, and after a time-out has finished the observation on the
 * timer thread while the task's code still runs.
 */
class TaskTraceCorrelationTests {

	private static final Logger taskLog = (Logger) LoggerFactory.getLogger("azolla.test.task-code");

	private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

	private final Tracing tracing = Tracing.newBuilder()
		.currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder().addScopeDecorator(MDCScopeDecorator.get()).build())
		.addSpanHandler(new SpanHandler() {

			@Override
			public boolean end(TraceContext context, MutableSpan span, Cause cause) {
				TaskTraceCorrelationTests.this.spans.add(span);
				return true;
			}

		})
		.build();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final ExecutorService threads = Executors.newSingleThreadExecutor();

	private final TaskRegistry tasks = new TaskRegistry();

	TaskTraceCorrelationTests() {
		BraveTracer tracer = new BraveTracer(this.tracing.tracer(),
				new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());
		this.observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
		this.logged.start();
		taskLog.addAppender(this.logged);
		this.tasks.register(TestHandlers.definition("logs", (args) -> {
			taskLog.info("working");
			return "done";
		}, null));
		this.tasks.register(TestHandlers.definition("overruns", (args) -> {
			try {
				Thread.sleep(5_000);
			}
			catch (InterruptedException ex) {
				taskLog.info("interrupted by the time-out");
			}
			return "late";
		}, Duration.ofMillis(100)));
	}

	@AfterEach
	void cleanUp() {
		taskLog.detachAppender(this.logged);
		this.threads.shutdownNow();
		this.tracing.close();
	}

	@Test
	void aLogLineWrittenByATaskInTheEngineCarriesTheTraceIdOfItsExecutionSpan() throws Exception {
		TaskResult result = run(engine(this.threads), "t-1", "logs");

		assertThat(result.hasSuccess()).isTrue();
		MutableSpan span = executionSpan("azolla execute logs");
		assertThat(span.parentId()).as("an execution starts its own trace").isNull();
		assertThat(span.tag("azolla.task.id")).isEqualTo("t-1");
		assertThat(traceIdOf("working")).isEqualTo(span.traceId());
		assertThat(currentTraceIdOn(this.threads)).as("left behind on the worker thread").isNull();
	}

	@Test
	void aTaskThatTimedOutStillLogsWithItsTraceIdAfterTheTimerFinishedTheSpan() throws Exception {
		TaskResult result = run(engine(this.threads), "t-2", "overruns");

		assertThat(result.getError().getType()).isEqualTo("TaskTimeoutError");
		// The timer thread stopped the observation; the task's thread closes its scope when the
		// interrupted code returns, which is then awaited through the worker thread.
		assertThat(currentTraceIdOn(this.threads)).as("left behind on the worker thread").isNull();
		MutableSpan span = executionSpan("azolla execute overruns");
		assertThat(span.error()).isInstanceOf(TaskTimeoutException.class);
		assertThat(span.tag("outcome")).isEqualTo("timeout");
		assertThat(traceIdOf("interrupted by the time-out")).isEqualTo(span.traceId());
	}

	@Test
	void timeLimitedAttemptsOfEmbeddedAndInvocationModeLogWithTheirTraceIdOnTheTaskThread() throws Exception {
		List<TaskExecutionListener> listeners = List.of(new TaskExecutionObservations(this.observations));
		try (TimeLimiter limiter = new TimeLimiter()) {
			TaskInvoker invoker = invoker();
			ObservedTaskAttempt attempt = new ObservedTaskAttempt(
					limiter.around(invoker, (name) -> Duration.ofMillis(100), listeners), invoker.registry(), listeners,
					() -> 0);

			assertThat(attempt.run("t-3", "logs", "[]", "{}").hasSuccess()).isTrue();
			assertThat(attempt.run("t-4", "overruns", "[]", "{}").getError().getType()).isEqualTo("TaskTimeoutError");
		}

		assertThat(traceIdOf("working")).isEqualTo(executionSpan("azolla execute logs").traceId());
		assertThat(traceIdOf("interrupted by the time-out"))
			.isEqualTo(executionSpan("azolla execute overruns").traceId());
		assertThat(MDC.get("traceId")).as("the attempt's own thread").isNull();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void onVirtualThreadsALogLineWrittenByATaskCarriesTheTraceId() throws Exception {
		ExecutorService virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		CompletableFuture<Thread> taskThread = new CompletableFuture<>();
		this.tasks.register(TestHandlers.definition("logs-where", (args) -> {
			taskThread.complete(Thread.currentThread());
			taskLog.info("working on a virtual thread");
			return "done";
		}, null));
		try {
			TaskResult result = run(engine(virtualThreads), "t-5", "logs-where");

			assertThat(result.hasSuccess()).isTrue();
			assertThat(Thread.class.getMethod("isVirtual").invoke(taskThread.get())).isEqualTo(true);
			assertThat(traceIdOf("working on a virtual thread"))
				.isEqualTo(executionSpan("azolla execute logs-where").traceId());
		}
		finally {
			virtualThreads.shutdownNow();
		}
	}

	private TaskExecutionEngine engine(ExecutorService executor) {
		TaskExecutionEngine engine = new TaskExecutionEngine(invoker(), 1,
				new TaskTimeouts(this.tasks, Map.of(), Duration.ofSeconds(10))::forTask, executor);
		engine.addListener(new TaskExecutionObservations(this.observations));
		return engine;
	}

	private TaskInvoker invoker() {
		return new TaskInvoker(this.tasks, JsonMapper.builder().build());
	}

	private static TaskResult run(TaskExecutionEngine engine, String id, String name) throws Exception {
		CompletableFuture<TaskResult> result = new CompletableFuture<>();
		assertThat(engine.submit(id, name, "[]", "{}", result::complete)).isTrue();
		return result.get(10, TimeUnit.SECONDS);
	}

	/** What the worker thread has in its MDC once it is free again (single-thread executor). */
	private static String currentTraceIdOn(ExecutorService threads) throws Exception {
		return threads.submit(() -> MDC.get("traceId")).get(10, TimeUnit.SECONDS);
	}

	private MutableSpan executionSpan(String name) {
		await("span '" + name + "' finished").atMost(Duration.ofSeconds(20))
			.until(() -> this.spans.stream().anyMatch((span) -> name.equals(span.name())));
		return this.spans.stream().filter((span) -> name.equals(span.name())).findFirst().orElseThrow();
	}

	private String traceIdOf(String message) {
		return event(message).getMDCPropertyMap().get("traceId");
	}

	private ILoggingEvent event(String message) {
		await("a log line '" + message + "'").atMost(Duration.ofSeconds(20))
			.until(() -> this.logged.list.stream().anyMatch((event) -> event.getFormattedMessage().equals(message)));
		return this.logged.list.stream()
			.filter((event) -> event.getFormattedMessage().equals(message))
			.findFirst()
			.orElseThrow();
	}

}
