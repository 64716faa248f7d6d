package io.azolla.spring.client.declarative;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.model.TaskResult;
import org.jspecify.annotations.Nullable;

import org.springframework.core.GenericTypeResolver;

/**
 * Turns a submitted task into what a {@link TaskCall} method returns, chosen once from the
 * method's generic return type.
 */
final class ResultAdapter {

	private final Kind kind;

	private final @Nullable Type valueType;

	private final ErrorMapper errors;

	private ResultAdapter(Kind kind, @Nullable Type valueType, ErrorMapper errors) {
		this.kind = kind;
		this.valueType = valueType;
		this.errors = errors;
	}

	static ResultAdapter of(Class<?> clientInterface, Method method, ErrorMapper errors) {
		Type type = GenericTypeResolver.resolveType(method.getGenericReturnType(), clientInterface);
		Class<?> raw = rawClass(type);
		Kind kind;
		Type valueType = null;
		if (raw == void.class || raw == Void.class) {
			kind = Kind.VOID;
		}
		else if (raw == TaskHandle.class) {
			kind = Kind.HANDLE;
		}
		else if (raw == TaskResult.class) {
			kind = Kind.RESULT;
		}
		else if (raw == CompletableFuture.class || raw == CompletionStage.class || raw == Future.class) {
			valueType = typeArgument(clientInterface, method, type, raw);
			kind = (rawClass(valueType) == TaskResult.class) ? Kind.FUTURE_RESULT : Kind.FUTURE_VALUE;
		}
		else if (raw == Optional.class) {
			valueType = typeArgument(clientInterface, method, type, raw);
			kind = Kind.OPTIONAL;
		}
		else {
			valueType = type;
			kind = Kind.VALUE;
		}
		if (valueType != null) {
			checkValueType(clientInterface, method, valueType);
		}
		errors.check(kind == Kind.VALUE, kind == Kind.VALUE || kind == Kind.FUTURE_VALUE);
		return new ResultAdapter(kind, valueType, errors);
	}

	@SuppressWarnings("NullAway") // valueType is set for every kind that reads a value
	@Nullable Object adapt(TaskHandle handle, @Nullable Duration wait) throws Exception {
		return switch (this.kind) {
			case VOID -> null;
			case HANDLE -> handle;
			case RESULT -> await(handle, wait);
			case FUTURE_RESULT -> resultAsync(handle, wait);
			case FUTURE_VALUE -> valueAsync(handle, wait);
			case OPTIONAL -> {
				TaskResult result = await(handle, wait);
				yield result.isSuccess() ? Optional.ofNullable(result.valueAs(this.valueType)) : Optional.empty();
			}
			case VALUE -> value(await(handle, wait));
		};
	}

	@SuppressWarnings("NullAway") // valueType is set for every kind that reads a value
	private @Nullable Object value(TaskResult result) throws Exception {
		if (!result.isSuccess()) {
			throw this.errors.toException(result);
		}
		return result.valueAs(this.valueType);
	}

	private CompletableFuture<@Nullable Object> valueAsync(TaskHandle handle, @Nullable Duration wait) {
		CompletableFuture<TaskResult> source = resultAsync(handle, wait);
		CompletableFuture<@Nullable Object> values = new CompletableFuture<>();
		source.whenComplete((result, failure) -> {
			if (failure != null) {
				values.completeExceptionally((failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure);
				return;
			}
			try {
				values.complete(value(result));
			}
			catch (Exception ex) {
				values.completeExceptionally(ex);
			}
		});
		// Cancelling the caller's future ends the wait, as cancelling resultAsync() does.
		values.whenComplete((value, failure) -> {
			if (values.isCancelled()) {
				source.cancel(true);
			}
		});
		return values;
	}

	private static TaskResult await(TaskHandle handle, @Nullable Duration wait) {
		return (wait != null) ? handle.await(wait) : handle.await();
	}

	private static CompletableFuture<TaskResult> resultAsync(TaskHandle handle, @Nullable Duration wait) {
		return (wait != null) ? handle.resultAsync(wait) : handle.resultAsync();
	}

	private static Type typeArgument(Class<?> clientInterface, Method method, Type type, Class<?> raw) {
		if (!(type instanceof ParameterizedType parameterized)) {
			throw new InvalidTaskClientException(clientInterface, method,
					"returns a raw " + raw.getSimpleName() + "; declare what it holds, such as " + raw.getSimpleName()
							+ "<Quote>");
		}
		return parameterized.getActualTypeArguments()[0];
	}

	private static void checkValueType(Class<?> clientInterface, Method method, Type valueType) {
		if (!isConcrete(valueType)) {
			throw new InvalidTaskClientException(clientInterface, method, "the result type " + valueType.getTypeName()
					+ " has a type variable or wildcard, so the result cannot be read; declare a concrete type");
		}
		Class<?> raw = rawClass(valueType);
		if (raw == TaskHandle.class || raw == Optional.class || Future.class.isAssignableFrom(raw)
				|| CompletionStage.class.isAssignableFrom(raw)) {
			throw new InvalidTaskClientException(clientInterface, method,
					"cannot return " + valueType.getTypeName() + "; nest no handle, future or Optional in another");
		}
		if (raw == TaskResult.class && !(method.getReturnType() == CompletableFuture.class
				|| method.getReturnType() == CompletionStage.class || method.getReturnType() == Future.class)) {
			throw new InvalidTaskClientException(clientInterface, method,
					"a TaskResult is returned directly or in a CompletableFuture, not in " + method.getReturnType().getSimpleName());
		}
	}

	private static boolean isConcrete(Type type) {
		if (type instanceof Class<?>) {
			return true;
		}
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				if (!isConcrete(argument)) {
					return false;
				}
			}
			return true;
		}
		if (type instanceof GenericArrayType array) {
			return isConcrete(array.getGenericComponentType());
		}
		// A type variable or wildcard: nothing to read the value as.
		return false;
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> raw) {
			return raw;
		}
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		return Object.class;
	}

	private enum Kind {

		/** Submits and returns once the task was created. */
		VOID,

		/** Submits and returns the handle. */
		HANDLE,

		/** Waits and returns the outcome, success or failure. */
		RESULT,

		/** Returns a future of the outcome. */
		FUTURE_RESULT,

		/** Returns a future of the value, failed with the mapped exception. */
		FUTURE_VALUE,

		/** Waits; empty for a failure or a null value. */
		OPTIONAL,

		/** Waits and returns the value, or throws the mapped exception. */
		VALUE

	}

}
