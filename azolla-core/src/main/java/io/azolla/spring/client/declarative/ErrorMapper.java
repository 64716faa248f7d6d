package io.azolla.spring.client.declarative;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.azolla.spring.model.TaskFailedException;
import io.azolla.spring.model.TaskFailure;
import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed result into the exception a {@link TaskCall} method throws: the exception of
 * the first matching {@link TaskErrorMapping} (the method's before the interface's, one naming a
 * code before one that does not), else {@link TaskFailedException}.
 */
final class ErrorMapper {

	private final List<Mapping> mappings;

	private final Class<?> clientInterface;

	private final Method method;

	private final boolean methodHasMappings;

	private ErrorMapper(Class<?> clientInterface, Method method, List<Mapping> mappings, boolean methodHasMappings) {
		this.clientInterface = clientInterface;
		this.method = method;
		this.mappings = mappings;
		this.methodHasMappings = methodHasMappings;
	}

	static ErrorMapper of(Class<?> clientInterface, Method method) {
		TaskErrorMapping[] onMethod = method.getAnnotationsByType(TaskErrorMapping.class);
		TaskErrorMapping[] onType = method.getDeclaringClass().getAnnotationsByType(TaskErrorMapping.class);
		TaskErrorMapping[] onClient = (method.getDeclaringClass() != clientInterface)
				? clientInterface.getAnnotationsByType(TaskErrorMapping.class) : new TaskErrorMapping[0];
		List<Mapping> mappings = new ArrayList<>();
		for (TaskErrorMapping[] level : List.of(onMethod, onClient, onType)) {
			addInOrder(clientInterface, method, level, mappings);
		}
		return new ErrorMapper(clientInterface, method, List.copyOf(mappings), onMethod.length > 0);
	}

	/**
	 * Checks the mappings against how the method reports failures.
	 * @param throwsDirectly whether failures are thrown by the method itself, so that a
	 * checked exception must be declared
	 * @param applies whether failures are reported as exceptions at all
	 */
	void check(boolean throwsDirectly, boolean applies) {
		if (!applies) {
			if (this.methodHasMappings) {
				throw new InvalidTaskClientException(this.clientInterface, this.method, "has @TaskErrorMapping but "
						+ "returns " + this.method.getReturnType().getSimpleName() + ", which reports no failure as an exception");
			}
			return;
		}
		if (!throwsDirectly) {
			return;
		}
		for (Mapping mapping : this.mappings) {
			Class<?> exception = mapping.constructor.getDeclaringClass();
			if (!RuntimeException.class.isAssignableFrom(exception) && !declares(exception)) {
				throw new InvalidTaskClientException(this.clientInterface, this.method, "maps error type '"
						+ mapping.type + "' to the checked " + exception.getName() + ", which the method does not declare");
			}
		}
	}

	Exception toException(TaskResult result) {
		TaskFailure failure = result.failure().orElseThrow();
		TaskFailedException failed = new TaskFailedException(result.taskId(), failure);
		String code = failure.code().orElse(null);
		for (Mapping mapping : this.mappings) {
			if (mapping.type.equals(failure.type()) && (mapping.code == null || mapping.code.equals(code))) {
				return mapping.create(failed);
			}
		}
		return failed;
	}

	private boolean declares(Class<?> exception) {
		for (Class<?> declared : this.method.getExceptionTypes()) {
			if (declared.isAssignableFrom(exception)) {
				return true;
			}
		}
		return false;
	}

	private static void addInOrder(Class<?> clientInterface, Method method, TaskErrorMapping[] level,
			List<Mapping> mappings) {
		for (boolean withCode : new boolean[] { true, false }) {
			for (TaskErrorMapping annotation : level) {
				if (annotation.code().isEmpty() != withCode) {
					mappings.add(Mapping.of(clientInterface, method, annotation));
				}
			}
		}
	}

	private record Mapping(String type, @Nullable String code, Constructor<? extends Exception> constructor,
			Shape shape) {

		static Mapping of(Class<?> clientInterface, Method method, TaskErrorMapping annotation) {
			if (annotation.type().isBlank()) {
				throw new InvalidTaskClientException(clientInterface, method, "@TaskErrorMapping needs an error type");
			}
			Class<? extends Exception> exception = annotation.exception();
			for (Shape shape : Shape.values()) {
				try {
					Constructor<? extends Exception> constructor = exception.getConstructor(shape.parameters);
					// A public constructor of a class that is not public itself, such as a nested one.
					constructor.trySetAccessible();
					return new Mapping(annotation.type(), annotation.code().isEmpty() ? null : annotation.code(),
							constructor, shape);
				}
				catch (NoSuchMethodException ex) {
					// Try the next shape.
				}
			}
			throw new InvalidTaskClientException(clientInterface, method, exception.getName()
					+ " (mapped from error type '" + annotation.type() + "') needs a public constructor taking a "
					+ "TaskFailedException, a String and a Throwable, or a String");
		}

		Exception create(TaskFailedException failed) {
			try {
				return switch (this.shape) {
					case FAILED -> this.constructor.newInstance(failed);
					case MESSAGE_AND_CAUSE -> this.constructor.newInstance(failed.getFailure().message(), failed);
					case MESSAGE -> {
						Exception exception = this.constructor.newInstance(failed.getFailure().message());
						if (exception.getCause() == null) {
							exception.initCause(failed);
						}
						yield exception;
					}
				};
			}
			catch (InvocationTargetException | InstantiationException | IllegalAccessException | RuntimeException ex) {
				// The mapping is broken at run time; the original failure is still worth reporting.
				failed.addSuppressed((ex instanceof InvocationTargetException target) ? target.getCause() : ex);
				return failed;
			}
		}

	}

	private enum Shape {

		FAILED(TaskFailedException.class), MESSAGE_AND_CAUSE(String.class, Throwable.class), MESSAGE(String.class);

		private final Class<?>[] parameters;

		Shape(Class<?>... parameters) {
			this.parameters = parameters;
		}

	}

}
