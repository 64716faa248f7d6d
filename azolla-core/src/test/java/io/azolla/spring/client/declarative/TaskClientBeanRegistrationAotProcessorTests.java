package io.azolla.spring.client.declarative;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TaskClientBeanRegistrationAotProcessor}.
 */
class TaskClientBeanRegistrationAotProcessorTests {

	private final TaskClientBeanRegistrationAotProcessor processor = new TaskClientBeanRegistrationAotProcessor();

	@Test
	void isRegisteredAsAnAotProcessorInAotFactories() {
		assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
			.anyMatch(TaskClientBeanRegistrationAotProcessor.class::isInstance);
	}

	@Test
	void aClientInterfaceRegisteredByTheAnnotationGetsItsProxyAndBindingHints() {
		new ApplicationContextRunner().withUserConfiguration(Clients.class).run((context) -> {
			DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
			String name = context.getBeanNamesForType(Pricing.class)[0];
			RuntimeHints hints = apply(this.processor.processAheadOfTime(RegisteredBean.of(beanFactory, name)));

			assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Pricing.class)).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).as("argument").accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(Line.class)).as("List<Line> argument").accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(Quote.class)).as("CompletableFuture<Quote> result")
				.accepts(hints);
		});
	}

	@Test
	void otherBeansContributeNothing() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("order", new RootBeanDefinition(String.class));
		assertThat(this.processor.processAheadOfTime(RegisteredBean.of(beanFactory, "order"))).isNull();
	}

	private RuntimeHints apply(BeanRegistrationAotContribution contribution) {
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(getClass())), new InMemoryGeneratedFiles());
		contribution.applyTo(generationContext, null);
		return generationContext.getRuntimeHints();
	}

	record Order(String id) {
	}

	record Line(String sku) {
	}

	record Quote(long total) {
	}

	interface Pricing {

		@TaskCall("price")
		CompletableFuture<Quote> price(Order order, List<Line> lines);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAzollaTaskClients(clients = Pricing.class)
	static class Clients {

		@Bean
		RecordingAzollaClient recordingAzollaClient() {
			return new RecordingAzollaClient();
		}

	}

}
