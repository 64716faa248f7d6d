package io.azolla.spring.worker;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.spring.task.TaskDefinition;
import io.azolla.spring.task.TaskRegistry;

/**
 * Small tasks whose behaviour tests control with latches and observe with counters.
 */
public class TestTasks {

	/** Opened by a test to let {@code blocking} and {@code gated} tasks return. */
	public final CountDownLatch gate = new CountDownLatch(1);

	/** Tasks currently inside {@code gated}. */
	public final AtomicInteger active = new AtomicInteger();

	/** The most {@code gated} tasks seen inside at once. */
	public final AtomicInteger mostActive = new AtomicInteger();

	/** Executions of {@code blocking}, by every id. */
	public final AtomicInteger blockingRuns = new AtomicInteger();

	/** Opened by a test to let {@code deaf} tasks return; they ignore interrupts until then. */
	public final CountDownLatch release = new CountDownLatch(1);

	/** Executions of {@code deaf} inside it right now. */
	public final AtomicInteger deafActive = new AtomicInteger();

	/** The most {@code deaf} executions seen inside at once. */
	public final AtomicInteger mostDeafActive = new AtomicInteger();

	/** Executions of {@code deaf} started. */
	public final AtomicInteger deafRuns = new AtomicInteger();

	/** Counted down when {@code stubborn} finally returns, after its time-out. */
	public final CountDownLatch stubbornReturned = new CountDownLatch(1);

	public String echo(String text) {
		return text;
	}

	String blocking(String label) throws InterruptedException {
		this.blockingRuns.incrementAndGet();
		if (!this.gate.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("gate never opened");
		}
		return label;
	}

	String gated(String label) throws InterruptedException {
		int now = this.active.incrementAndGet();
		this.mostActive.accumulateAndGet(now, Math::max);
		try {
			if (!this.gate.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("gate never opened");
			}
			return label;
		}
		finally {
			this.active.decrementAndGet();
		}
	}

	/** Ignores the first interruption and returns a value anyway, late. */
	public String stubborn() {
		try {
			Thread.sleep(30_000);
		}
		catch (InterruptedException ex) {
			// Deliberately carries on, as badly written tasks do.
		}
		this.stubbornReturned.countDown();
		return "late";
	}

	/** Ignores every interruption until {@link #release} opens, as a stuck thread would. */
	public String deaf() {
		this.deafRuns.incrementAndGet();
		this.mostDeafActive.accumulateAndGet(this.deafActive.incrementAndGet(), Math::max);
		try {
			while (true) {
				try {
					if (this.release.await(30, TimeUnit.SECONDS)) {
						return "deaf";
					}
				}
				catch (InterruptedException ex) {
					// Deliberately ignored.
				}
			}
		}
		finally {
			this.deafActive.decrementAndGet();
		}
	}

	public TaskRegistry registry() {
		TaskRegistry registry = new TaskRegistry();
		for (String name : new String[] { "echo", "blocking", "gated" }) {
			registry.register(TaskDefinition.forMethod(name, this, method(name)));
		}
		registry.register(TaskDefinition.forMethod("stubborn", this, method("stubborn"))
			.withTimeout(Duration.ofMillis(200)));
		registry.register(TaskDefinition.forMethod("deaf", this, method("deaf")).withTimeout(Duration.ofMillis(200)));
		return registry;
	}

	private static Method method(String name) {
		return Arrays.stream(TestTasks.class.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
