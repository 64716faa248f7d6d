package io.azolla.spring.retry;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * spring-retry is an implementation detail: no public or protected member of a public type of
 * the starter may name one of its types, so that it can be replaced without an API change.
 */
class PublicApiTests {

	private static final String SPRING_RETRY = "org.springframework.retry.";

	@Test
	void noPublicSignatureOfTheStarterNamesASpringRetryType() throws Exception {
		List<Class<?>> types = publicTypes();
		List<String> leaks = new ArrayList<>();
		for (Class<?> type : types) {
			check(leaks, type.getName() + " extends", type.getGenericSuperclass());
			for (Type implemented : type.getGenericInterfaces()) {
				check(leaks, type.getName() + " implements", implemented);
			}
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				checkExecutable(leaks, constructor);
			}
			for (Method method : type.getDeclaredMethods()) {
				if (visible(method.getModifiers()) && !method.isSynthetic()) {
					check(leaks, method.toGenericString(), method.getGenericReturnType());
					checkExecutable(leaks, method);
				}
			}
			for (Field field : type.getDeclaredFields()) {
				if (visible(field.getModifiers())) {
					check(leaks, field.toGenericString(), field.getGenericType());
				}
			}
		}
		assertThat(types).as("public types scanned").contains(TaskRetryTemplates.class, TransportRetry.class);
		assertThat(leaks).isEmpty();
	}

	private static void checkExecutable(List<String> leaks, Executable executable) {
		if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
			return;
		}
		for (Type parameter : executable.getGenericParameterTypes()) {
			check(leaks, executable.toGenericString(), parameter);
		}
		for (Type thrown : executable.getGenericExceptionTypes()) {
			check(leaks, executable.toGenericString(), thrown);
		}
	}

	private static void check(List<String> leaks, String where, Type type) {
		if (type != null && type.getTypeName().contains(SPRING_RETRY)) {
			leaks.add(where + " names " + type.getTypeName());
		}
	}

	private static boolean visible(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static List<Class<?>> publicTypes() throws Exception {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
		List<Class<?>> types = new ArrayList<>();
		for (Resource resource : resolver.getResources("classpath*:io/azolla/spring/**/*.class")) {
			if (!resource.getURL().getPath().contains("/test-classes/")) {
				String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
				Class<?> type = Class.forName(name, false, PublicApiTests.class.getClassLoader());
				if (Modifier.isPublic(type.getModifiers())) {
					types.add(type);
				}
			}
		}
		return types;
	}

}
