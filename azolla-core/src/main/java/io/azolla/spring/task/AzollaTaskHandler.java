package io.azolla.spring.task;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A task implemented as an object rather than an annotated method, in the spirit of the Rust
 * {@code Task} trait and the Python {@code Task} class. A bean of this type is registered like
 * an {@link AzollaTask @AzollaTask} method; outside Spring, register it with
 * {@link TaskDefinition#forHandler(AzollaTaskHandler, String)}.
 *
 * <pre class="code">
 * &#64;Component
 * class ResizeImage implements AzollaTaskHandler {
 *
 *     public String name() {
 *         return "resize_image";
 *     }
 *
 *     public Object execute(TaskArguments args) {
 *         Image image = args.bindTo(Image.class);
 *         ...
 *     }
 *
 * }
 * </pre>
 */
public interface AzollaTaskHandler {

	/**
	 * Returns the task name this handler serves.
	 * @return a non-empty name
	 */
	String name();

	/**
	 * Runs the task.
	 * @param args the task's arguments and context
	 * @return the result value, encoded with the application's JSON mapper; {@code null} for
	 * none; a {@link java.util.concurrent.CompletionStage} is awaited
	 * @throws Exception any failure, reported as described on {@link TaskException}
	 */
	@Nullable Object execute(TaskArguments args) throws Exception;

	/**
	 * Returns the worker-side execution limit of this task.
	 * @return the limit, or empty for the worker's default
	 */
	default Optional<Duration> timeout() {
		return Optional.empty();
	}

}
