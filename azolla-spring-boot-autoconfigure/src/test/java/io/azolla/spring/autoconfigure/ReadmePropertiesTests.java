package io.azolla.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's configuration reference and the generated configuration metadata in
 * step: every property the IDE knows is documented, and nothing documented is invented.
 */
class ReadmePropertiesTests {

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9.<>*-]*)` \\|", Pattern.MULTILINE);

	private static final String PER_TASK = "azolla.tasks.<name>.";

	@Test
	void everyPropertyInTheMetadataIsDocumentedAndEveryDocumentedPropertyExists() throws IOException {
		Set<String> documented = documentedProperties();
		Set<String> known = metadataProperties();

		Set<String> documentedPlain = new TreeSet<>(documented);
		documentedPlain.removeIf((name) -> name.startsWith(PER_TASK));
		assertThat(documentedPlain).as("README rows without metadata").isSubsetOf(known);
		assertThat(known).as("metadata properties missing from the README").isSubsetOf(documentedPlain);
	}

	@Test
	void perTaskRowsNameRealTaskSettingsAndCoverAllOfThem() throws IOException {
		List<String> perTask = new ArrayList<>();
		for (String name : documentedProperties()) {
			if (name.startsWith(PER_TASK)) {
				String key = name.substring(PER_TASK.length());
				perTask.add(key.endsWith(".*") ? key.substring(0, key.length() - 2) : key);
			}
		}
		List<String> settings = new ArrayList<>();
		for (var descriptor : BeanUtils.getPropertyDescriptors(AzollaProperties.TaskSettings.class)) {
			if (!descriptor.getName().equals("class")) {
				settings.add(descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase());
			}
		}
		assertThat(perTask).containsExactlyInAnyOrderElementsOf(settings);
	}

	private static Set<String> documentedProperties() throws IOException {
		Path readme = Paths.get("..", "README.md");
		String text = Files.readString(readme);
		int start = text.indexOf("<!-- properties:start -->");
		int end = text.indexOf("<!-- properties:end -->");
		assertThat(start).as("properties markers in README.md").isNotNegative();
		Matcher rows = ROW.matcher(text.substring(start, end));
		Set<String> names = new TreeSet<>();
		while (rows.find()) {
			names.add(rows.group(1));
		}
		return names;
	}

	private static Set<String> metadataProperties() throws IOException {
		try (InputStream in = ReadmePropertiesTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			Set<String> names = new TreeSet<>();
			metadata.get("properties").forEach((property) -> names.add(property.get("name").stringValue()));
			return names;
		}
	}

}
