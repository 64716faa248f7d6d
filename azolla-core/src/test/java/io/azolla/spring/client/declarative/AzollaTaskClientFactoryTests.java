package io.azolla.spring.client.declarative;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.azolla.spring.client.InvalidTaskRequestException;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.TaskWaitTimeoutException;
import io.azolla.spring.client.WorkerRuntime;
import io.azolla.spring.model.ResultMappingException;
import io.azolla.spring.model.TaskFailedException;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AzollaTaskClientFactoryTests {

	private final RecordingAzollaClient client = new RecordingAzollaClient();

	private final Orders orders = AzollaTaskClientFactory.of(this.client).createClient(Orders.class);

	record Order(String id, int quantity) {
	}

	record Quote(String id, double total) {
	}

	interface Orders {

		@TaskCall("price_order")
		Quote price(Order order, String currency);

		@TaskCall("price_order")
		CompletableFuture<Quote> priceAsync(Order order);

		@TaskCall("price_order")
		CompletableFuture<TaskResult> priceResult(Order order);

		@TaskCall("price_order")
		Optional<Quote> tryPrice(Order order);

		@TaskCall("price_order")
		TaskResult priceOutcome(Order order);

		@TaskCall("list_quotes")
		List<Quote> quotes();

		@TaskCall("list_quotes")
		CompletableFuture<List<Quote>> quotesAsync();

		@TaskCall("list_quotes")
		Optional<Map<String, List<Integer>>> buckets();

		@TaskCall("send_email")
		TaskHandle sendEmail(String to, String body);

		@TaskCall("send_email")
		void sendAndForget(String to, String body);

		@TaskCall(value = "greet", arguments = ArgumentStyle.NAMED)
		String greetByName(String name, Optional<String> lang, Integer age);

		@TaskCall("greet")
		String greetMixed(String name, @TaskParam("language") String lang);

		@TaskCall("count")
		int count();

		@TaskCall
		String echo(String text, TaskCallOptions options);

		@TaskCall(value = "echo", shepherdGroup = "java", waitTimeout = "5s")
		String echoInGroup(String text);

		default String shout(String text) {
			return echo(text, null).toUpperCase();
		}

	}

	@Test
	void aValueMethodSendsItsParametersByPositionAndWaitsWithTheClientsDefaultWait() {
		this.client.answerJson("{\"id\":\"A-1\",\"total\":12.5}");

		Quote quote = this.orders.price(new Order("A-1", 3), "EUR");

		assertThat(quote).isEqualTo(new Quote("A-1", 12.5));
		assertThat(this.client.lastRequest().taskName()).isEqualTo("price_order");
		assertThat(this.client.lastRequest().argsJson()).isEqualTo("[{\"id\":\"A-1\",\"quantity\":3},\"EUR\"]");
		assertThat(this.client.lastRequest().kwargsJson()).isEqualTo("{}");
		assertThat(this.client.lastRequest().retryPolicy()).isNull();
		assertThat(this.client.lastRequest().shepherdGroup()).isNull();
		assertThat(this.client.waits).containsExactly(RecordingAzollaClient.DEFAULT_WAIT);
	}

	@Test
	void genericReturnTypesAreReadElementByElement() throws Exception {
		this.client.answerJson("[{\"id\":\"a\",\"total\":1},{\"id\":\"b\",\"total\":2.5}]");
		assertThat(this.orders.quotes()).containsExactly(new Quote("a", 1), new Quote("b", 2.5));
		assertThat(this.orders.quotesAsync().get(5, TimeUnit.SECONDS)).element(1).isEqualTo(new Quote("b", 2.5));

		this.client.answerJson("{\"x\":[1,2],\"y\":[]}");
		assertThat(this.orders.buckets()).contains(Map.of("x", List.of(1, 2), "y", List.of()));
	}

	@Test
	void aFutureOfTheValueCompletesWithTheValueOrTheFailure() {
		this.client.answerJson("{\"id\":\"A-2\",\"total\":3}");
		assertThat(this.orders.priceAsync(new Order("A-2", 1))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(new Quote("A-2", 3));

		this.client.answerFailure("PricingDown", "no prices today", "{\"code\":\"DOWN\"}");
		assertThat(this.orders.priceAsync(new Order("A-2", 1))).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(TaskFailedException.class,
					(failed) -> assertThat(failed.getFailure().code()).contains("DOWN"));
	}

	@Test
	void cancellingTheFutureOfTheValueEndsTheWait() {
		this.client.neverFinish();

		CompletableFuture<Quote> future = this.orders.priceAsync(new Order("A-3", 1));
		future.cancel(true);

		assertThat(this.client.futures).singleElement().satisfies((wait) -> assertThat(wait).isCancelled());
	}

	@Test
	void theTaskResultFormsReturnTheFailureWithoutThrowing() {
		this.client.answerFailure("PricingDown", "no prices today", "{}");

		assertThat(this.orders.priceOutcome(new Order("A-4", 1)).failure()).hasValueSatisfying(
				(failure) -> assertThat(failure.type()).isEqualTo("PricingDown"));
		assertThat(this.orders.priceResult(new Order("A-4", 1))).succeedsWithin(Duration.ofSeconds(5))
			.satisfies((result) -> assertThat(result.isSuccess()).isFalse());
	}

	@Test
	void anOptionalIsEmptyWhenTheTaskFailedAndHoldsTheValueOtherwise() {
		this.client.answerFailure("PricingDown", "no prices today", "{}");
		assertThat(this.orders.tryPrice(new Order("A-5", 1))).isEmpty();

		this.client.answerJson("{\"id\":\"A-5\",\"total\":4}");
		assertThat(this.orders.tryPrice(new Order("A-5", 1))).contains(new Quote("A-5", 4));

		this.client.answerJson("null");
		assertThat(this.orders.tryPrice(new Order("A-5", 1))).isEmpty();
	}

	@Test
	void anOptionalStillThrowsWhenTheWaitEndsBeforeTheTask() {
		// The recording client answers a wait it has no result for with a wait timeout.
		assertThatExceptionOfType(TaskWaitTimeoutException.class)
			.isThrownBy(() -> this.orders.tryPrice(new Order("A", 1)));
	}

	@Test
	void aFailedTaskThrowsTaskFailedExceptionWithTypeMessageCodeAndData() {
		this.client.answerFailure("PricingDown", "no prices today", "{\"code\":\"DOWN\",\"region\":\"eu\"}");

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> this.orders.price(new Order("A", 1), "EUR"))
			.withMessageContaining("PricingDown: no prices today")
			.satisfies((failed) -> {
				assertThat(failed.getFailure().type()).isEqualTo("PricingDown");
				assertThat(failed.getFailure().code()).contains("DOWN");
				assertThat(failed.getFailure().data().get("region").stringValue()).isEqualTo("eu");
			});
	}

	@Test
	void aTaskHandleMethodOnlySubmits() {
		TaskHandle handle = this.orders.sendEmail("a@example.com", "hi");

		assertThat(handle.taskName()).isEqualTo("send_email");
		assertThat(this.client.lastRequest().argsJson()).isEqualTo("[\"a@example.com\",\"hi\"]");
		assertThat(this.client.waits).isEmpty();
	}

	@Test
	void aVoidMethodSubmitsAndReturnsWithoutWaiting() {
		this.orders.sendAndForget("a@example.com", "hi");

		assertThat(this.client.requests).singleElement()
			.satisfies((request) -> assertThat(request.taskName()).isEqualTo("send_email"));
		assertThat(this.client.waits).isEmpty();
	}

	@Test
	void namedArgumentsUseTheParameterNamesAndLeaveAbsentValuesOut() {
		this.client.answerJson("\"Hello Ada\"");

		this.orders.greetByName("Ada", Optional.empty(), null);
		assertThat(this.client.lastRequest().argsJson()).isEqualTo("[]");
		assertThat(this.client.lastRequest().kwargsJson()).isEqualTo("{\"name\":\"Ada\"}");

		this.orders.greetByName("Ada", Optional.of("fr"), 36);
		assertThat(this.client.lastRequest().kwargsJson()).isEqualTo("{\"name\":\"Ada\",\"lang\":\"fr\",\"age\":36}");
	}

	@Test
	void aTaskParamIsSentByItsAnnotatedNameBesideThePositionalOnes() {
		this.client.answerJson("\"Bonjour Ada\"");

		this.orders.greetMixed("Ada", "fr");

		assertThat(this.client.lastRequest().argsJson()).isEqualTo("[\"Ada\"]");
		assertThat(this.client.lastRequest().kwargsJson()).isEqualTo("{\"language\":\"fr\"}");
	}

	@Test
	void theOptionsParameterTunesTheCallAndIsNotSent() {
		this.client.answerJson("\"x\"");
		RetryPolicy once = RetryPolicy.fixed(Duration.ofSeconds(1)).maxAttempts(1).build();

		this.orders.echo("x", TaskCallOptions.none().retryPolicy(once).shepherdGroup("gpu").waitTimeout(Duration.ofSeconds(2)));

		assertThat(this.client.lastRequest().taskName()).isEqualTo("echo");
		assertThat(this.client.lastRequest().argsJson()).isEqualTo("[\"x\"]");
		assertThat(this.client.lastRequest().retryPolicy()).isEqualTo(once);
		assertThat(this.client.lastRequest().shepherdGroup()).isEqualTo("gpu");
		assertThat(this.client.waits).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void aNullOptionsArgumentChangesNothing() {
		this.client.answerJson("\"x\"");

		this.orders.echo("x", null);

		assertThat(this.client.lastRequest().shepherdGroup()).isNull();
		assertThat(this.client.waits).containsExactly(RecordingAzollaClient.DEFAULT_WAIT);
	}

	@Test
	void theMethodsGroupAndWaitApplyAndTheOptionsWinOverThem() {
		this.client.answerJson("\"x\"");

		this.orders.echoInGroup("x");

		assertThat(this.client.lastRequest().shepherdGroup()).isEqualTo("java");
		assertThat(this.client.waits).containsExactly(Duration.ofSeconds(5));
	}

	@Test
	void aGroupConfiguredForTheTaskWinsOverTheAnnotation() {
		TaskDefaults configured = new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return RetryPolicy.defaults();
			}

			@Override
			public Optional<String> shepherdGroup(String taskName) {
				return Optional.of("configured");
			}

		};
		Orders withDefaults = AzollaTaskClientFactory.builder(this.client).taskDefaults(configured).build()
			.createClient(Orders.class);
		this.client.answerJson("\"x\"");

		withDefaults.echoInGroup("x");

		// Left unset so that the client applies the configured group.
		assertThat(this.client.lastRequest().shepherdGroup()).isNull();
	}

	@Test
	void placeholdersInAnnotationsGoThroughTheValueResolver() {
		interface Placeholders {

			@TaskCall(value = "echo", shepherdGroup = "${group}", waitTimeout = "${wait}")
			String echo(String text);

		}
		Map<String, String> values = Map.of("${group}", "eu", "${wait}", "750ms");
		Placeholders placeholders = AzollaTaskClientFactory.builder(this.client).valueResolver(values::get).build()
			.createClient(Placeholders.class);
		this.client.answerJson("\"x\"");

		placeholders.echo("x");

		assertThat(this.client.lastRequest().shepherdGroup()).isEqualTo("eu");
		assertThat(this.client.waits).containsExactly(Duration.ofMillis(750));
	}

	@Test
	void placeholdersThatResolveToNullKeepTheConfiguredGroupAndWait() {
		interface Unresolved {

			@TaskCall(value = "echo", shepherdGroup = "${group}", waitTimeout = "${wait}")
			String echo(String text);

		}
		// A Spring value resolver answers null for an expression such as #{null}.
		Unresolved unresolved = AzollaTaskClientFactory.builder(this.client).valueResolver((text) -> null).build()
			.createClient(Unresolved.class);
		this.client.answerJson("\"x\"");

		unresolved.echo("x");

		assertThat(this.client.lastRequest().shepherdGroup()).isNull();
		assertThat(this.client.waits).containsExactly(RecordingAzollaClient.DEFAULT_WAIT);
	}

	@Test
	void aPrimitiveResultThatIsNullIsAMappingError() {
		this.client.answerJson("41");
		assertThat(this.orders.count()).isEqualTo(41);

		this.client.answerJson("null");
		assertThatExceptionOfType(ResultMappingException.class).isThrownBy(this.orders::count)
			.withMessageContaining("int");
	}

	@Test
	void aValueThatDoesNotFitTheReturnTypeIsAMappingError() {
		this.client.answerJson("\"not a list\"");

		assertThatExceptionOfType(ResultMappingException.class).isThrownBy(this.orders::quotes)
			.withMessageContaining("java.util.List<");
	}

	@Test
	void aRequestTheClientRefusesFailsTheCall() {
		interface Blank {

			@TaskCall(" ")
			String blank();

		}
		// A blank name falls back to the method name; an empty group from options is refused.
		Blank blank = AzollaTaskClientFactory.of(this.client).createClient(Blank.class);
		this.client.answerJson("\"x\"");
		blank.blank();
		assertThat(this.client.lastRequest().taskName()).isEqualTo("blank");

		assertThatExceptionOfType(InvalidTaskRequestException.class)
			.isThrownBy(() -> this.orders.echo("x", TaskCallOptions.none().shepherdGroup("")));
	}

	@Test
	void defaultAndObjectMethodsWorkOnTheProxy() {
		this.client.answerJson("\"hey\"");

		assertThat(this.orders.shout("hey")).isEqualTo("HEY");
		assertThat(this.orders.toString()).contains(Orders.class.getName());
		assertThat(this.orders).isEqualTo(this.orders).hasSameHashCodeAs(this.orders);
		assertThat(this.orders).isNotEqualTo(AzollaTaskClientFactory.of(this.client).createClient(Orders.class));
	}

	interface Repository<T> {

		@TaskCall("load")
		T load(String id);

		@TaskCall("load_all")
		List<T> loadAll();

	}

	interface QuoteRepository extends Repository<Quote> {

	}

	@Test
	void typeVariablesOfAParentInterfaceAreResolvedForTheChild() {
		QuoteRepository repository = AzollaTaskClientFactory.of(this.client).createClient(QuoteRepository.class);

		this.client.answerJson("{\"id\":\"q\",\"total\":1}");
		assertThat(repository.load("q")).isEqualTo(new Quote("q", 1));
		this.client.answerJson("[{\"id\":\"q\",\"total\":1}]");
		assertThat(repository.loadAll()).containsExactly(new Quote("q", 1));
	}

	@Test
	void aMixedMethodForATaskOnARustOrPythonWorkerIsRefusedWhenCreated() {
		TaskDefaults rust = new TaskDefaults() {

			@Override
			public RetryPolicy retryPolicy(String taskName) {
				return RetryPolicy.defaults();
			}

			@Override
			public Optional<String> shepherdGroup(String taskName) {
				return Optional.empty();
			}

			@Override
			public Optional<WorkerRuntime> workerRuntime(String taskName) {
				return taskName.equals("greet") ? Optional.of(WorkerRuntime.PYTHON) : Optional.empty();
			}

		};
		AzollaTaskClientFactory factory = AzollaTaskClientFactory.builder(this.client).taskDefaults(rust).build();

		assertThatExceptionOfType(InvalidTaskClientException.class).isThrownBy(() -> factory.createClient(Orders.class))
			.withMessageContaining("Task client " + Orders.class.getName() + ", method greetMixed(String, String)")
			.withMessageContaining("python worker (azolla.tasks.greet.worker-runtime)");
	}

}
