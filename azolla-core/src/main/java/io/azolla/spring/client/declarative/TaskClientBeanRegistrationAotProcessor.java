package io.azolla.spring.client.declarative;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ReflectionUtils;

/**
 * Contributes the runtime hints a task client interface needs once the application is
 * processed ahead of time: the JDK proxy that implements it, and binding hints for the
 * argument and result types of its methods (generics included), which are written and read
 * with Jackson.
 */
class TaskClientBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		RootBeanDefinition definition = registeredBean.getMergedBeanDefinition();
		if (!definition.hasBeanClass() || definition.getBeanClass() != TaskClientFactoryBean.class) {
			return null;
		}
		Class<?> clientType = definition.getResolvableType()
			.as(FactoryBean.class)
			.getGeneric()
			.resolve();
		if (clientType == null || !clientType.isInterface()) {
			return null;
		}
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints(), clientType);
	}

	/**
	 * Registers the hints for a task client interface.
	 * @param hints the hints to add to
	 * @param clientType the interface
	 */
	static void registerHints(RuntimeHints hints, Class<?> clientType) {
		hints.proxies().registerJdkProxy(clientType);
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(clientType, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
				binding.registerReflectionHints(hints.reflection(), method.getGenericParameterTypes());
				binding.registerReflectionHints(hints.reflection(), method.getGenericReturnType());
			}
		}
	}

}
