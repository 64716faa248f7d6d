package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AzollaTaskBeanRegistrationAotProcessor}.
 */
class AzollaTaskBeanRegistrationAotProcessorTests {

	private final AzollaTaskBeanRegistrationAotProcessor processor = new AzollaTaskBeanRegistrationAotProcessor();

	@Test
	void isRegisteredAsAnAotProcessorInAotFactories() {
		assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
			.anyMatch(AzollaTaskBeanRegistrationAotProcessor.class::isInstance);
	}

	@Test
	void taskMethodsCanBeInvokedReflectively() {
		RuntimeHints hints = hintsFor(Tasks.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Tasks.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Tasks.class, "price"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Tasks.class, "quote"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Tasks.class, "audit"))).accepts(hints);
	}

	@Test
	void theMethodOfAnInterfaceAJdkProxyInvokesCanBeInvokedReflectively() {
		RuntimeHints hints = hintsFor(Tasks.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Pricing.class, "price"))).accepts(hints);
	}

	@Test
	void recordParametersAndTheirComponentsAreBindable() {
		RuntimeHints hints = hintsFor(Tasks.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(Order.class.getDeclaredConstructors()[0]))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Order.class, "lines"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Line.class)).as("record nested in a record")
			.accepts(hints);
	}

	@Test
	void typeArgumentsOfGenericParametersAreBindable() {
		RuntimeHints hints = hintsFor(Tasks.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Discount.class)).as("List<Discount>").accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Customer.class)).as("Map<String, Customer>")
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Coupon.class)).as("Optional<Coupon>").accepts(hints);
	}

	@Test
	void resultTypesAreBindableWithFuturesAndOptionalsUnwrapped() {
		RuntimeHints hints = hintsFor(Tasks.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Receipt.class, "total")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Quote.class)).as("CompletionStage<Quote>")
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method(Quote.class, "amount"))).accepts(hints);
	}

	@Test
	void theInjectedTaskContextIsNotBound() {
		RuntimeHints hints = hintsFor(Tasks.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(TaskContext.class)).rejects(hints);
	}

	@Test
	void beansWithoutTaskMethodsContributeNothing() {
		assertThat(this.processor.processAheadOfTime(registeredBean(Unrelated.class))).isNull();
	}

	private RuntimeHints hintsFor(Class<?> beanClass) {
		BeanRegistrationAotContribution contribution = this.processor.processAheadOfTime(registeredBean(beanClass));
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(getClass())), new InMemoryGeneratedFiles());
		contribution.applyTo(generationContext, null);
		return generationContext.getRuntimeHints();
	}

	private static RegisteredBean registeredBean(Class<?> beanClass) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
		return RegisteredBean.of(beanFactory, "bean");
	}

	private static Method method(Class<?> type, String name) {
		return ReflectionUtils.findMethod(type, name, (Class<?>[]) null);
	}

	record Line(String sku, int quantity) {
	}

	record Order(String id, List<Line> lines) {
	}

	record Discount(String code, int percent) {
	}

	record Customer(String name) {
	}

	record Coupon(String code) {
	}

	record Receipt(String orderId, long total) {
	}

	record Quote(String currency, long amount) {
	}

	record Audit(String note) {
	}

	interface Pricing {

		Receipt price(Order order, List<Discount> discounts, TaskContext context);

	}

	static class Tasks implements Pricing {

		@Override
		@AzollaTask("price-order")
		public Receipt price(Order order, List<Discount> discounts, TaskContext context) {
			return new Receipt(order.id(), 0);
		}

		@AzollaTask
		CompletionStage<Quote> quote(Map<String, Customer> customers, Optional<Coupon> coupon) {
			return CompletableFuture.completedFuture(new Quote("EUR", 1));
		}

		@AzollaTask
		void audit(Audit audit) {
		}

		String notATask(Unrelated unrelated) {
			return "";
		}

	}

	static class Unrelated {

		String hello() {
			return "hello";
		}

	}

}
