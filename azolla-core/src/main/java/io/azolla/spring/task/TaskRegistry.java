package io.azolla.spring.task;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jspecify.annotations.Nullable;

/**
 * The tasks this application can execute, by name. Thread-safe: workers look tasks up while
 * registration may still be running.
 */
public class TaskRegistry {

	private final ConcurrentNavigableMap<String, TaskDefinition> definitions = new ConcurrentSkipListMap<>();

	/**
	 * Registers a task.
	 * @param definition the task
	 * @throws DuplicateTaskException if a task of that name is already registered
	 */
	public void register(TaskDefinition definition) {
		Objects.requireNonNull(definition, "definition");
		TaskDefinition existing = this.definitions.putIfAbsent(definition.name(), definition);
		if (existing != null) {
			throw new DuplicateTaskException(existing, definition);
		}
	}

	/**
	 * Looks a task up.
	 * @param name the task name; {@code null} finds nothing
	 * @return the task, or empty when none is registered under that name
	 */
	public Optional<TaskDefinition> find(@Nullable String name) {
		return (name != null) ? Optional.ofNullable(this.definitions.get(name)) : Optional.empty();
	}

	/**
	 * Returns the registered names.
	 * @return a sorted snapshot
	 */
	public Set<String> names() {
		return Collections.unmodifiableSortedSet(new TreeSet<>(this.definitions.keySet()));
	}

	/**
	 * Returns the registered tasks.
	 * @return a snapshot sorted by name
	 */
	public List<TaskDefinition> definitions() {
		return List.copyOf(this.definitions.values());
	}

	/**
	 * Returns whether no task is registered.
	 * @return {@code true} when the registry is empty
	 */
	public boolean isEmpty() {
		return this.definitions.isEmpty();
	}

}
