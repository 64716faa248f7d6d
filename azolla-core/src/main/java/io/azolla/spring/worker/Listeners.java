package io.azolla.spring.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.azolla.spring.task.TaskRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls {@link TaskExecutionListener listeners} in isolation, the one place of that rule for
 * the engine and {@link ObservedTaskAttempt}: a listener that fails is logged and skipped, and
 * never costs a task its result or another listener its call. Also the one place that decides
 * the name listeners are given ({@link #reportedName}), for every worker mode.
 */
final class Listeners {

	private static final Log logger = LogFactory.getLog(Listeners.class);

	private Listeners() {
	}

	/**
	 * Returns the name listeners are given for a task: its own if it is registered, otherwise
	 * {@value TaskExecutionListener#UNREGISTERED}, so that names received from outside cannot
	 * create an unbounded number of counters or metric tags in any worker mode.
	 */
	static String reportedName(TaskRegistry registry, String taskName) {
		return registry.find(taskName).isPresent() ? taskName : TaskExecutionListener.UNREGISTERED;
	}

	/**
	 * Tells every listener, in order.
	 */
	static void each(Iterable<TaskExecutionListener> listeners, Consumer<TaskExecutionListener> event) {
		for (TaskExecutionListener listener : listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException | Error ex) {
				// Also an Error: a listener must never cost the task its result.
				logger.warn("Execution listener failed: " + ex);
			}
		}
	}

	/**
	 * Opens the {@link TaskExecutionListener#taskRunning scopes} of all listeners on the thread
	 * that runs a task's code; the returned scope closes them there in reverse order.
	 */
	static TaskExecutionListener.Scope openScopes(List<TaskExecutionListener> listeners, String taskId,
			String taskName) {
		List<TaskExecutionListener.Scope> opened = new ArrayList<>(listeners.size());
		for (TaskExecutionListener listener : listeners) {
			try {
				TaskExecutionListener.Scope scope = listener.taskRunning(taskId, taskName);
				if (scope != null && scope != TaskExecutionListener.Scope.NONE) {
					opened.add(scope);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Execution listener failed: " + ex);
			}
		}
		if (opened.isEmpty()) {
			return TaskExecutionListener.Scope.NONE;
		}
		return () -> {
			for (int i = opened.size() - 1; i >= 0; i--) {
				try {
					opened.get(i).close();
				}
				catch (RuntimeException ex) {
					logger.warn("Execution listener failed: " + ex);
				}
			}
		};
	}

}
