package io.azolla.spring.client;

/**
 * Submits Azolla tasks and waits for their results.
 * <pre class="code">
 * TaskHandle handle = client.submitTask("greet_user").args("Alice", 25).submit();
 * Greeting greeting = handle.await(Duration.ofSeconds(30)).valueAs(Greeting.class);
 * </pre>
 * Implementations are thread-safe.
 */
public interface AzollaClient {

	/**
	 * Starts a task submission.
	 * @param taskName the name a worker registered the task under
	 * @return a builder; nothing is sent until {@link TaskSubmission#submit()}
	 */
	TaskSubmission submitTask(String taskName);

	/**
	 * Creates a task from a request whose arguments are already JSON text.
	 * @param request the request
	 * @return the handle of the created task
	 */
	TaskHandle submit(TaskRequest request);

	/**
	 * Returns a handle for a task created earlier, possibly by another client or process.
	 * @param taskId the task id
	 * @return the handle
	 */
	TaskHandle taskHandle(String taskId);

	/**
	 * Returns the domain this client creates tasks in.
	 * @return the domain
	 */
	String domain();

}
