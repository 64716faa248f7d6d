package io.azolla.spring.worker;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Opens the {@link TaskExecutionListener#taskRunning scopes} of all listeners on the thread
 * that runs a task's code, and closes them there in reverse order. A listener that fails is
 * logged and skipped, like in every other listener call.
 */
final class ListenerScopes {

	private static final Log logger = LogFactory.getLog(ListenerScopes.class);

	private ListenerScopes() {
	}

	static TaskExecutionListener.Scope open(List<TaskExecutionListener> listeners, String taskId, String taskName) {
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
