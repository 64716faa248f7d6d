package io.azolla.spring.client.declarative;

import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.TaskDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.util.ClassUtils;

/**
 * Makes one task client bean with the context's {@link AzollaTaskClientFactory}, or with a
 * factory built from its {@link AzollaClient} when there is none (plain Spring without Boot).
 */
class TaskClientFactoryBean implements SmartFactoryBean<Object>, BeanFactoryAware, BeanClassLoaderAware {

	private final String interfaceName;

	private @Nullable ClassLoader classLoader;

	@SuppressWarnings("NullAway.Init") // set by the container before getObject
	private BeanFactory beanFactory;

	TaskClientFactoryBean(String interfaceName) {
		this.interfaceName = interfaceName;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object getObject() {
		return factory().createClient(getObjectType());
	}

	/**
	 * Creates the client with the context, so that a method that cannot be mapped fails
	 * start-up rather than the first injection point.
	 */
	@Override
	public boolean isEagerInit() {
		return true;
	}

	@Override
	public Class<?> getObjectType() {
		return ClassUtils.resolveClassName(this.interfaceName, this.classLoader);
	}

	private AzollaTaskClientFactory factory() {
		AzollaTaskClientFactory factory = this.beanFactory.getBeanProvider(AzollaTaskClientFactory.class).getIfAvailable();
		if (factory != null) {
			return factory;
		}
		AzollaClient client = this.beanFactory.getBeanProvider(AzollaClient.class).getIfAvailable();
		if (client == null) {
			throw new IllegalStateException("Task client " + this.interfaceName + " needs an AzollaClient bean, and "
					+ "there is none: is the Azolla client disabled (azolla.client.enabled=false)?");
		}
		AzollaTaskClientFactory.Builder builder = AzollaTaskClientFactory.builder(client);
		TaskDefaults defaults = this.beanFactory.getBeanProvider(TaskDefaults.class).getIfAvailable();
		if (defaults != null) {
			builder.taskDefaults(defaults);
		}
		if (this.beanFactory instanceof ConfigurableBeanFactory configurable) {
			EmbeddedValueResolver resolver = new EmbeddedValueResolver(configurable);
			builder.valueResolver(resolver::resolveStringValue);
		}
		return builder.build();
	}

}
