package io.azolla.spring.client.declarative;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers the task client beans {@link EnableAzollaTaskClients} asks for.
 */
class AzollaTaskClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware {

	@SuppressWarnings("NullAway.Init") // set by the container before registerBeanDefinitions
	private Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	@SuppressWarnings("NullAway") // annotation attributes always hold every attribute, defaults included
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(EnableAzollaTaskClients.class.getName());
		if (attributes == null) {
			return;
		}
		Set<String> interfaces = new LinkedHashSet<>();
		for (Class<?> client : (Class<?>[]) attributes.get("clients")) {
			interfaces.add(client.getName());
		}
		for (String basePackage : basePackages(metadata, attributes, interfaces.isEmpty())) {
			for (BeanDefinition candidate : scanner().findCandidateComponents(basePackage)) {
				interfaces.add(candidate.getBeanClassName());
			}
		}
		for (String name : interfaces) {
			if (!registry.containsBeanDefinition(name)) {
				registry.registerBeanDefinition(name, definition(name, classLoader()));
			}
		}
	}

	private @Nullable ClassLoader classLoader() {
		return (this.resourceLoader != null) ? this.resourceLoader.getClassLoader() : ClassUtils.getDefaultClassLoader();
	}

	private static RootBeanDefinition definition(String interfaceName, @Nullable ClassLoader classLoader) {
		RootBeanDefinition definition = new RootBeanDefinition(TaskClientFactoryBean.class);
		definition.getConstructorArgumentValues().addGenericArgumentValue(interfaceName);
		// Lets the context match the bean by type before creating it. Spring AOT keeps the target
		// type, not the attribute, in the bean definitions it generates.
		Class<?> clientType = ClassUtils.resolveClassName(interfaceName, classLoader);
		definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, clientType);
		definition.setTargetType(ResolvableType.forClassWithGenerics(FactoryBean.class, clientType));
		return definition;
	}

	@SuppressWarnings("NullAway") // annotation attributes always hold every attribute, defaults included
	private static Set<String> basePackages(AnnotationMetadata metadata, Map<String, Object> attributes,
			boolean defaultToOwnPackage) {
		Set<String> packages = new LinkedHashSet<>();
		for (String key : new String[] { "value", "basePackages" }) {
			for (String basePackage : (String[]) attributes.get(key)) {
				if (!basePackage.isBlank()) {
					packages.add(basePackage.strip());
				}
			}
		}
		for (Class<?> type : (Class<?>[]) attributes.get("basePackageClasses")) {
			packages.add(ClassUtils.getPackageName(type));
		}
		if (packages.isEmpty() && defaultToOwnPackage) {
			packages.add(ClassUtils.getPackageName(metadata.getClassName()));
		}
		return packages;
	}

	private ClassPathScanningCandidateComponentProvider scanner() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.environment) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent()
						&& !definition.getMetadata().isAnnotation();
			}

		};
		scanner.setResourceLoader(this.resourceLoader);
		scanner.addIncludeFilter(new AnnotationTypeFilter(AzollaTaskClient.class));
		return scanner;
	}

}
