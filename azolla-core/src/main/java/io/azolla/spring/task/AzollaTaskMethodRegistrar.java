package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Registers every {@link AzollaTask @AzollaTask} bean method and every
 * {@link AzollaTaskHandler} bean in the {@link TaskRegistry}, once all singletons exist.
 * <p>
 * Methods are found on each bean's user class, so CGLIB and JDK proxies (transactions,
 * security, other aspects) are seen through, and tasks are invoked through the proxy so the
 * advice still applies. Timeouts may use {@code ${...}} placeholders and SpEL.
 * <p>
 * Bean lifecycle choices:
 * <ul>
 * <li>abstract bean definitions are never candidates;</li>
 * <li>a lazy singleton whose type declares tasks is created here, because a task whose bean
 * does not exist could not be executed and would silently answer {@code TaskNotFound};</li>
 * <li>beans of other scopes (prototype, request, ...) are never created here; declaring a task
 * on one fails startup, since there would be no single instance to run it on;</li>
 * <li>a bean whose type cannot be determined without creating it, such as an uninitialised
 * factory bean product, is skipped.</li>
 * </ul>
 * Two tasks with the same name fail startup with a {@link DuplicateTaskException} naming both.
 */
public class AzollaTaskMethodRegistrar implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(AzollaTaskMethodRegistrar.class);

	private final TaskRegistry registry;

	@SuppressWarnings("NullAway.Init") // set by the container before afterSingletonsInstantiated
	private ConfigurableListableBeanFactory beanFactory;

	@SuppressWarnings("NullAway.Init") // set with the bean factory
	private StringValueResolver valueResolver;

	/**
	 * Creates a registrar that fills the given registry.
	 * @param registry the registry
	 */
	public AzollaTaskMethodRegistrar(TaskRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (!(beanFactory instanceof ConfigurableListableBeanFactory listable)) {
			throw new IllegalStateException("AzollaTaskMethodRegistrar needs a ConfigurableListableBeanFactory");
		}
		this.beanFactory = listable;
		this.valueResolver = new EmbeddedValueResolver(listable);
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (!ScopedProxyUtils.isScopedTarget(beanName)) {
				registerMethods(beanName);
			}
		}
		for (String beanName : this.beanFactory.getBeanNamesForType(AzollaTaskHandler.class, true, false)) {
			if (!ScopedProxyUtils.isScopedTarget(beanName)) {
				registerHandler(beanName);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Registered Azolla tasks " + this.registry.names());
		}
	}

	private void registerMethods(String beanName) {
		Class<?> userClass = userClass(beanName);
		if (userClass == null || !AnnotationUtils.isCandidateClass(userClass, AzollaTask.class)) {
			return;
		}
		Map<Method, AzollaTask> methods = MethodIntrospector.selectMethods(userClass,
				(MethodIntrospector.MetadataLookup<AzollaTask>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, AzollaTask.class));
		if (methods.isEmpty()) {
			return;
		}
		Object bean = singleton(beanName, "@AzollaTask methods");
		methods.forEach((method, annotation) -> this.registry.register(definition(beanName, bean, method, annotation)));
	}

	private void registerHandler(String beanName) {
		AzollaTaskHandler handler = (AzollaTaskHandler) singleton(beanName, "an AzollaTaskHandler");
		String source = "bean '" + beanName + "' handler "
				+ ClassUtils.getUserClass(AopUtils.getTargetClass(handler)).getSimpleName();
		this.registry.register(TaskDefinition.forHandler(handler, source));
	}

	private TaskDefinition definition(String beanName, Object bean, Method method, AzollaTask annotation) {
		String source = "bean '" + beanName + "' method " + TaskDefinition.describe(method);
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("Task method of " + source + " cannot be invoked through the bean's proxy: "
					+ ex.getMessage(), ex);
		}
		String name = taskName(annotation, method, source);
		return TaskDefinition.forMethod(name, bean, method, invocable)
			.withSource(source)
			.withTimeout(timeout(annotation.timeout(), name, source));
	}

	private @Nullable Class<?> userClass(String beanName) {
		if (!this.beanFactory.isFactoryBean(beanName)) {
			Object existing = this.beanFactory.getSingleton(beanName);
			if (existing != null) {
				return ClassUtils.getUserClass(AopUtils.getTargetClass(existing));
			}
		}
		Class<?> type = this.beanFactory.getType(beanName, false);
		return (type != null) ? ClassUtils.getUserClass(type) : null;
	}

	private Object singleton(String beanName, String what) {
		if (this.beanFactory.containsBeanDefinition(beanName)
				&& !this.beanFactory.getMergedBeanDefinition(beanName).isSingleton()) {
			throw new IllegalStateException("Bean '" + beanName + "' declares " + what
					+ " but is not a singleton; Azolla tasks need one instance to run on");
		}
		return this.beanFactory.getBean(beanName);
	}

	private static String taskName(AzollaTask annotation, Method method, String source) {
		String value = annotation.value();
		String alias = annotation.name();
		if (!value.isEmpty() && !alias.isEmpty() && !value.equals(alias)) {
			throw new IllegalStateException("@AzollaTask on " + source + " sets both value '" + value
					+ "' and name '" + alias + "'; set only one");
		}
		String name = !value.isEmpty() ? value : alias;
		return !name.isEmpty() ? name : method.getName();
	}

	private @Nullable Duration timeout(String text, String taskName, String source) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			String resolved = this.valueResolver.resolveStringValue(text);
			return (resolved == null || resolved.isBlank()) ? null : positive(Durations.parse(resolved));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid timeout '" + text + "' of task '" + taskName + "' on " + source
					+ ": " + ex.getMessage(), ex);
		}
	}

	private static Duration positive(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("the timeout must be positive");
		}
		return timeout;
	}

}
