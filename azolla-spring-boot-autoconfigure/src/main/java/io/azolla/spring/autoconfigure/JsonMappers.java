package io.azolla.spring.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Picks the JSON mapper Azolla uses: the application's own, so its modules and settings apply
 * to task arguments and results, or a plain one when the application has none.
 */
final class JsonMappers {

	private static final JsonMapper FALLBACK = JsonMapper.builder().build();

	private JsonMappers() {
	}

	static JsonMapper of(ObjectProvider<JsonMapper> applicationMapper) {
		return applicationMapper.getIfAvailable(() -> FALLBACK);
	}

}
