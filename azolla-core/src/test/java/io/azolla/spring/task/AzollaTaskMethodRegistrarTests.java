package io.azolla.spring.task;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link AzollaTaskMethodRegistrar} in a real application context.
 */
class AzollaTaskMethodRegistrarTests {

	@Test
	void plainComponentMethodIsRegisteredUnderItsExplicitName() {
		run((context) -> {
			TaskDefinition definition = registry(context).find("plain_greet").orElseThrow();
			assertThat(definition.source()).isEqualTo("bean 'plainTasks' method greet(String)");
			assertThat(runner(context).execute("plain_greet", "Ada").value().stringValue()).isEqualTo("Hi Ada");
		});
	}

	@Test
	void methodWithoutExplicitNameIsRegisteredUnderTheMethodName() {
		run((context) -> assertThat(runner(context).execute("add", 2, 3).value().intValue()).isEqualTo(5));
	}

	@Test
	void beanMethodInConfigurationClassContributesItsTasks() {
		run((context) -> {
			assertThat(registry(context).find("report").orElseThrow().source())
				.isEqualTo("bean 'reportTasks' method report(int)");
			assertThat(runner(context).execute("report", 7).value().stringValue()).isEqualTo("report #7");
		});
	}

	@Test
	void jdkProxiedBeanIsInvokedThroughItsProxySoAdviceApplies() {
		run((context) -> {
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean("jdkProxied"))).isTrue();
			assertThat(runner(context).execute("shout", "hello").value().stringValue()).isEqualTo("[advised] HELLO");
		});
	}

	@Test
	void cglibProxiedBeanIsInvokedThroughItsProxySoAdviceApplies() {
		run((context) -> {
			assertThat(AopUtils.isCglibProxy(context.getBean("cglibProxied"))).isTrue();
			assertThat(runner(context).execute("whisper", "HELLO").value().stringValue())
				.isEqualTo("[advised] hello");
		});
	}

	@Test
	void timeoutPlaceholderIsResolvedFromTheEnvironment() {
		run((context) -> {
			assertThat(registry(context).find("slow").orElseThrow().timeout()).contains(Duration.ofSeconds(45));
			assertThat(registry(context).find("fast").orElseThrow().timeout()).contains(Duration.ofMillis(500));
			assertThat(registry(context).find("plain_greet").orElseThrow().timeout()).isEmpty();
		});
	}

	@Test
	void handlerBeanIsRegisteredUnderItsOwnName() {
		run((context) -> {
			TaskDefinition definition = registry(context).find("resize").orElseThrow();
			assertThat(definition.source()).isEqualTo("bean 'resizeHandler' handler Resize");
			assertThat(definition.timeout()).contains(Duration.ofMinutes(2));
			assertThat(runner(context).execute("resize", 4).value().intValue()).isEqualTo(8);
		});
	}

	@Test
	void lazySingletonDeclaringTasksIsCreatedAndRegistered() {
		run((context) -> assertThat(runner(context).execute("lazy").value().stringValue()).isEqualTo("awake"));
	}

	@Test
	void allTasksOfTheContextAreRegistered() {
		run((context) -> assertThat(registry(context).names()).containsExactly("add", "fast", "lazy", "plain_greet",
				"report", "resize", "shout", "slow", "whisper"));
	}

	@Test
	void duplicateTaskNamesFailStartupNamingBothBeans() {
		assertThat(startupFailure(FirstDuplicate.class, SecondDuplicate.class))
			.isInstanceOf(DuplicateTaskException.class)
			.hasMessage("Task name 'dup' is registered twice: by bean 'firstDuplicate' method run() "
					+ "and by bean 'secondDuplicate' method run()");
	}

	@Test
	void prototypeBeanDeclaringTasksFailsStartup() {
		assertThat(startupFailure(PrototypeTasks.class)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Bean 'prototypeTasks' declares @AzollaTask methods but is not a singleton; "
					+ "Azolla tasks need one instance to run on");
	}

	@Test
	void unresolvableTimeoutFailsStartupNamingTheTask() {
		assertThat(startupFailure(BrokenTimeout.class)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Invalid timeout '${missing.timeout}' of task 'broken' on bean 'brokenTimeout' method broken(): "
					+ "'${missing.timeout}' is not a duration such as 30s, 500ms or PT5M");
	}

	@Test
	void negativeTimeoutFailsStartupSayingItMustBePositive() {
		assertThat(startupFailure(NegativeTimeout.class)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Invalid timeout '-5s' of task 'negative' on bean 'negativeTimeout' method negative(): "
					+ "the timeout must be positive");
	}

	@Test
	void conflictingNameAndValueFailStartup() {
		assertThat(startupFailure(ConflictingNames.class)).isInstanceOf(IllegalStateException.class)
			.hasMessage("@AzollaTask on bean 'conflictingNames' method run() sets both value 'a' and name 'b'; "
					+ "set only one");
	}

	private static void run(Consumer<AnnotationConfigApplicationContext> assertions) {
		try (AnnotationConfigApplicationContext context = context(TaskConfiguration.class, PlainTasks.class,
				LazyTasks.class)) {
			context.refresh();
			assertions.accept(context);
		}
	}

	private static Throwable startupFailure(Class<?>... components) {
		try (AnnotationConfigApplicationContext context = context(Infrastructure.class)) {
			context.register(components);
			return catchThrowable(context::refresh);
		}
	}

	private static AnnotationConfigApplicationContext context(Class<?>... components) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("tasks.slow.timeout", "45s")));
		context.register(components);
		return context;
	}

	private static TaskRegistry registry(AnnotationConfigApplicationContext context) {
		return context.getBean(TaskRegistry.class);
	}

	private static LocalTaskRunner runner(AnnotationConfigApplicationContext context) {
		return new LocalTaskRunner(registry(context), JsonMapper.builder().build());
	}

	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		@Bean
		TaskRegistry taskRegistry() {
			return new TaskRegistry();
		}

		@Bean
		AzollaTaskMethodRegistrar azollaTaskMethodRegistrar(TaskRegistry taskRegistry) {
			return new AzollaTaskMethodRegistrar(taskRegistry);
		}

	}

	@Configuration
	static class TaskConfiguration extends Infrastructure {

		@Bean
		static BeanPostProcessor proxyingPostProcessor() {
			return new ProxyingPostProcessor();
		}

		@Bean
		ReportTasks reportTasks() {
			return new ReportTasks();
		}

		@Bean
		JdkProxiedTasks jdkProxied() {
			return new JdkProxiedTasks();
		}

		@Bean
		CglibProxiedTasks cglibProxied() {
			return new CglibProxiedTasks();
		}

		@Bean
		Resize resizeHandler() {
			return new Resize();
		}

	}

	/**
	 * Wraps two beans in proxies whose advice marks string results, standing in for
	 * transactional or security proxies.
	 */
	static class ProxyingPostProcessor implements BeanPostProcessor {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!beanName.equals("jdkProxied") && !beanName.equals("cglibProxied")) {
				return bean;
			}
			ProxyFactory factory = new ProxyFactory(bean);
			factory.setProxyTargetClass(beanName.equals("cglibProxied"));
			if (beanName.equals("jdkProxied")) {
				factory.addInterface(Shouting.class);
			}
			factory.addAdvice((MethodInterceptor) (invocation) -> "[advised] " + invocation.proceed());
			return factory.getProxy();
		}

	}

	@Component("plainTasks")
	static class PlainTasks {

		@AzollaTask("plain_greet")
		String greet(String name) {
			return "Hi " + name;
		}

		@AzollaTask
		int add(int a, int b) {
			return a + b;
		}

		@AzollaTask(name = "slow", timeout = "${tasks.slow.timeout}")
		void slow() {
		}

		@AzollaTask(value = "fast", timeout = "${tasks.fast.timeout:500ms}")
		void fast() {
		}

	}

	@Lazy
	@Component("lazyTasks")
	static class LazyTasks {

		@AzollaTask("lazy")
		String lazy() {
			return "awake";
		}

	}

	static class ReportTasks {

		@AzollaTask("report")
		String report(int number) {
			return "report #" + number;
		}

	}

	interface Shouting {

		String shout(String text);

	}

	static class JdkProxiedTasks implements Shouting {

		@Override
		@AzollaTask("shout")
		public String shout(String text) {
			return text.toUpperCase();
		}

	}

	static class CglibProxiedTasks {

		@AzollaTask("whisper")
		public String whisper(String text) {
			return text.toLowerCase();
		}

	}

	static class Resize implements AzollaTaskHandler {

		@Override
		public String name() {
			return "resize";
		}

		@Override
		public Object execute(TaskArguments args) {
			return args.get(0, int.class) * 2;
		}

		@Override
		public Optional<Duration> timeout() {
			return Optional.of(Duration.ofMinutes(2));
		}

	}

	@Component("firstDuplicate")
	static class FirstDuplicate {

		@AzollaTask("dup")
		void run() {
		}

	}

	@Component("secondDuplicate")
	static class SecondDuplicate {

		@AzollaTask("dup")
		void run() {
		}

	}

	@Component("prototypeTasks")
	@Scope("prototype")
	static class PrototypeTasks {

		@AzollaTask("proto")
		void run() {
		}

	}

	@Component("negativeTimeout")
	static class NegativeTimeout {

		@AzollaTask(timeout = "-5s")
		void negative() {
		}

	}

	@Component("brokenTimeout")
	static class BrokenTimeout {

		@AzollaTask(timeout = "${missing.timeout}")
		void broken() {
		}

	}

	@Component("conflictingNames")
	static class ConflictingNames {

		@AzollaTask(value = "a", name = "b")
		void run() {
		}

	}

}
