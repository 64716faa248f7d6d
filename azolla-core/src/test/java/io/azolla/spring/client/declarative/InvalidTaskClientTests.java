package io.azolla.spring.client.declarative;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.task.TaskContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Methods that cannot be mapped fail when the implementation is created, with a message naming
 * the interface, the method and the problem.
 */
class InvalidTaskClientTests {

	private final AzollaTaskClientFactory factory = AzollaTaskClientFactory.of(new RecordingAzollaClient());

	interface NoAnnotation {

		String greet(String name);

	}

	interface WorkerAnnotation {

		@AzollaTask("greet")
		String greet(String name);

	}

	interface RawFuture {

		@SuppressWarnings("rawtypes")
		@TaskCall("greet")
		CompletableFuture greet(String name);

	}

	interface GenericMethod {

		@TaskCall("greet")
		<T> T greet(String name);

	}

	interface Wildcard {

		@TaskCall("greet")
		List<?> greet(String name);

	}

	interface TwoOptions {

		@TaskCall("greet")
		String greet(TaskCallOptions one, TaskCallOptions two);

	}

	interface WorkerContext {

		@TaskCall("greet")
		String greet(TaskContext context);

	}

	interface DuplicateNames {

		@TaskCall("greet")
		String greet(@TaskParam("name") String first, @TaskParam("name") String second);

	}

	interface BadWait {

		@TaskCall(value = "greet", waitTimeout = "soon")
		String greet(String name);

	}

	interface NestedOptional {

		@TaskCall("greet")
		Optional<CompletableFuture<String>> greet(String name);

	}

	interface OptionalResult {

		@TaskCall("greet")
		Optional<TaskResult> greet(String name);

	}

	interface TwoNames {

		@TaskCall(value = "greet", name = "welcome")
		String greet(String name);

	}

	interface AnnotatedDefault {

		@TaskCall("greet")
		default String greet(String name) {
			return name;
		}

	}

	static class CheckedException extends Exception {

		public CheckedException(String message) {
			super(message);
		}

	}

	static class NoUsableConstructor extends RuntimeException {

		public NoUsableConstructor(int code) {
			super(String.valueOf(code));
		}

	}

	interface UndeclaredChecked {

		@TaskCall("greet")
		@TaskErrorMapping(type = "Nope", exception = CheckedException.class)
		String greet(String name);

	}

	interface UnconstructibleException {

		@TaskCall("greet")
		@TaskErrorMapping(type = "Nope", exception = NoUsableConstructor.class)
		String greet(String name);

	}

	interface MappingThatNeverApplies {

		@TaskCall("greet")
		@TaskErrorMapping(type = "Nope", exception = IllegalStateException.class)
		TaskHandle greet(String name);

	}

	@Test
	void aMethodWithoutTaskCallIsRefused() {
		assertRefused(NoAnnotation.class, "greet(String)", "has no @TaskCall");
	}

	@Test
	void theWorkerSideAnnotationIsRefusedWithAHint() {
		assertRefused(WorkerAnnotation.class, "greet(String)", "@AzollaTask marks a method a worker executes");
	}

	@Test
	void aRawFutureIsRefused() {
		assertRefused(RawFuture.class, "greet(String)", "returns a raw CompletableFuture");
	}

	@Test
	void aGenericMethodIsRefused() {
		assertRefused(GenericMethod.class, "greet(String)", "a generic method cannot say which type");
	}

	@Test
	void aWildcardResultIsRefused() {
		assertRefused(Wildcard.class, "greet(String)", "has a type variable or wildcard");
	}

	@Test
	void twoOptionsParametersAreRefused() {
		assertRefused(TwoOptions.class, "greet(TaskCallOptions, TaskCallOptions)", "more than one TaskCallOptions");
	}

	@Test
	void aTaskContextParameterIsRefused() {
		assertRefused(WorkerContext.class, "greet(TaskContext)", "only a worker's task method receives");
	}

	@Test
	void twoParametersUnderOneNameAreRefused() {
		assertRefused(DuplicateNames.class, "greet(String, String)", "two parameters are sent under the name 'name'");
	}

	@Test
	void anInvalidWaitTimeoutIsRefused() {
		assertRefused(BadWait.class, "greet(String)", "invalid waitTimeout 'soon'");
	}

	@Test
	void nestedWrappersAreRefused() {
		assertRefused(NestedOptional.class, "greet(String)", "nest no handle, future or Optional");
		assertRefused(OptionalResult.class, "greet(String)", "a TaskResult is returned directly or in a CompletableFuture");
	}

	@Test
	void twoDifferentTaskNamesAreRefused() {
		assertRefused(TwoNames.class, "greet(String)", "names two tasks, 'greet' and 'welcome'");
	}

	@Test
	void taskCallOnADefaultMethodIsRefused() {
		assertRefused(AnnotatedDefault.class, "greet(String)", "a default method runs as written");
	}

	@Test
	void aCheckedMappedExceptionTheMethodDoesNotDeclareIsRefused() {
		assertRefused(UndeclaredChecked.class, "greet(String)", "the checked " + CheckedException.class.getName()
				+ ", which the method does not declare");
	}

	@Test
	void aMappedExceptionWithoutAUsableConstructorIsRefused() {
		assertRefused(UnconstructibleException.class, "greet(String)", "needs a public constructor taking");
	}

	@Test
	void aMappingOnAMethodThatReportsNoFailureIsRefused() {
		assertRefused(MappingThatNeverApplies.class, "greet(String)", "returns TaskHandle, which reports no failure");
	}

	@Test
	void aClassIsNotATaskClient() {
		assertThatExceptionOfType(InvalidTaskClientException.class).isThrownBy(() -> this.factory.createClient(String.class))
			.withMessage("Task client java.lang.String: only interfaces can be task clients");
	}

	private void assertRefused(Class<?> type, String method, String problem) {
		assertThatExceptionOfType(InvalidTaskClientException.class).isThrownBy(() -> this.factory.createClient(type))
			.withMessageStartingWith("Task client " + type.getName() + ", method " + method + ": ")
			.withMessageContaining(problem);
	}

}
