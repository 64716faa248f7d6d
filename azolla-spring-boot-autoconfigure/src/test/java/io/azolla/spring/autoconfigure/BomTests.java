package io.azolla.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM users import must manage every artifact the build publishes, at the build's version,
 * and nothing of Spring Boot's: it has no parent, because an imported BOM brings its parents'
 * dependency management with it.
 */
class BomTests {

	private static final Path ROOT = Paths.get("..");

	@Test
	void bomManagesEveryPublishedModuleAtTheBuildVersionAndHasNoParent() throws Exception {
		Document root = read(ROOT.resolve("pom.xml"));
		Document bom = read(ROOT.resolve("azolla-bom/pom.xml"));
		String version = child(root.getDocumentElement(), "version");

		assertThat(child(bom.getDocumentElement(), "parent")).as("BOM parent").isNull();
		assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
		List<String> managed = new ArrayList<>();
		NodeList dependencies = bom.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			assertThat(child(dependency, "groupId")).isEqualTo("io.azolla");
			assertThat(child(dependency, "version")).isEqualTo("${project.version}");
			managed.add(child(dependency, "artifactId"));
		}
		assertThat(managed).containsExactlyInAnyOrderElementsOf(publishedJarModules(root));
	}

	@Test
	void readmeSnippetsImportTheBomAtTheBuildVersion() throws Exception {
		String version = child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
		String readme = Files.readString(ROOT.resolve("README.md"));

		assertThat(readme).contains("<artifactId>azolla-bom</artifactId>\n      <version>" + version + "</version>")
			.contains("platform(\"io.azolla:azolla-bom:" + version + "\")");
	}

	/** Jar modules of the default reactor that are deployed (not marked maven.deploy.skip). */
	private static List<String> publishedJarModules(Document root) throws Exception {
		List<String> published = new ArrayList<>();
		NodeList modules = ((Element) root.getElementsByTagName("modules").item(0)).getElementsByTagName("module");
		for (int i = 0; i < modules.getLength(); i++) {
			Element pom = read(ROOT.resolve(modules.item(i).getTextContent()).resolve("pom.xml")).getDocumentElement();
			String packaging = child(pom, "packaging");
			Element properties = (Element) pom.getElementsByTagName("properties").item(0);
			boolean skipped = properties != null && "true".equals(child(properties, "maven.deploy.skip"));
			if ((packaging == null || packaging.equals("jar")) && !skipped) {
				published.add(child(pom, "artifactId"));
			}
		}
		return published;
	}

	private static Document read(Path pom) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
	}

	/** The text of a direct child element, or {@code null}. */
	private static String child(Element element, String name) {
		for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child && child.getTagName().equals(name)) {
				return child.getTextContent().trim();
			}
		}
		return null;
	}

}
