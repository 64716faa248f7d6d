package io.azolla.spring.task;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Contributes the runtime hints a bean with {@link AzollaTask @AzollaTask} methods needs once
 * the application is processed ahead of time (Spring AOT, GraalVM native images).
 * <p>
 * The {@link AzollaTaskMethodRegistrar} finds task methods by reflection and invokes them
 * reflectively, and the {@link ArgumentBinder} and {@link TaskOutcomes} read and write their
 * values with Jackson. So, for each task method, this registers: the bean's class (to find the
 * methods), the method for invocation (with the same method on the bean's interfaces, which a
 * JDK proxy is invoked through), and binding hints for every parameter and result type,
 * generics included, with {@code Optional}, {@code CompletionStage} and {@code Future}
 * unwrapped to the value they carry. {@link TaskContext} parameters are injected, not bound,
 * and need nothing.
 * <p>
 * {@link AzollaTaskHandler} beans need no hints: they are called through their interface and
 * bind their own arguments.
 */
class AzollaTaskBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
		List<Method> methods = taskMethods(beanClass);
		return methods.isEmpty() ? null : new TaskHintsContribution(beanClass, methods);
	}

	static List<Method> taskMethods(Class<?> beanClass) {
		if (!AnnotationUtils.isCandidateClass(beanClass, AzollaTask.class)) {
			return List.of();
		}
		return new ArrayList<>(MethodIntrospector
			.selectMethods(beanClass,
					(MethodIntrospector.MetadataLookup<AzollaTask>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, AzollaTask.class))
			.keySet());
	}

	/**
	 * Registers the hints for the given task methods of a bean class.
	 * @param hints the hints to add to
	 * @param beanClass the bean's user class
	 * @param methods its task methods
	 */
	static void registerHints(RuntimeHints hints, Class<?> beanClass, List<Method> methods) {
		ReflectionHints reflection = hints.reflection();
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		reflection.registerType(beanClass);
		for (Method method : methods) {
			reflection.registerMethod(method, ExecutableMode.INVOKE);
			for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(beanClass)) {
				Method declared = ClassUtils.getMethodIfAvailable(type, method.getName(), method.getParameterTypes());
				if (declared != null) {
					reflection.registerMethod(declared, ExecutableMode.INVOKE);
				}
			}
			Class<?>[] parameterTypes = method.getParameterTypes();
			Type[] genericTypes = method.getGenericParameterTypes();
			for (int i = 0; i < parameterTypes.length; i++) {
				if (parameterTypes[i] != TaskContext.class) {
					binding.registerReflectionHints(reflection, valueType(genericTypes[i]));
				}
			}
			Type result = valueType(method.getGenericReturnType());
			if (result != void.class && result != Void.class) {
				binding.registerReflectionHints(reflection, result);
			}
		}
	}

	/**
	 * The type a value is bound to or encoded from: the {@code T} of {@code Optional<T>},
	 * {@code CompletionStage<T>} or {@code Future<T>} (and their subtypes), else the type.
	 */
	private static Type valueType(Type type) {
		if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
				&& (raw == Optional.class || CompletionStage.class.isAssignableFrom(raw)
						|| Future.class.isAssignableFrom(raw))
				&& generic.getActualTypeArguments().length == 1) {
			return valueType(generic.getActualTypeArguments()[0]);
		}
		return type;
	}

	private static final class TaskHintsContribution implements BeanRegistrationAotContribution {

		private final Class<?> beanClass;

		private final List<Method> methods;

		private TaskHintsContribution(Class<?> beanClass, List<Method> methods) {
			this.beanClass = beanClass;
			this.methods = methods;
		}

		@Override
		public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
			registerHints(generationContext.getRuntimeHints(), this.beanClass, this.methods);
		}

	}

}
