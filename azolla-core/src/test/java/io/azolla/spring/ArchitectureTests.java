package io.azolla.spring;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the core library, checked on its compiled classes: who may call whom, and
 * which types are public.
 */
class ArchitectureTests {

	private static JavaClasses core;

	@BeforeAll
	static void importCore() {
		core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.azolla.spring");
	}

	@Test
	void packagesDependOnEachOtherInOneDirectionOnly() {
		slices().matching("io.azolla.spring.(**)").should().beFreeOfCycles().check(core);
	}

	@Test
	void theModelDependsOnNoOtherAzollaPackage() {
		noClasses().that()
			.resideInAPackage("io.azolla.spring.model..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.azolla.spring.client..", "io.azolla.spring.task..", "io.azolla.spring.worker..",
					"io.azolla.spring.retry..")
			.check(core);
	}

	@Test
	void theTaskModelAndTheWorkerDoNotUseTheClient() {
		noClasses().that()
			.resideInAnyPackage("io.azolla.spring.task..", "io.azolla.spring.worker..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.azolla.spring.client..")
			.check(core);
	}

	@Test
	void theCoreLibraryNeedsNoSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(core);
	}

	@Test
	void implementationPackagesExposeOnlyTheirEntryPoints() {
		Set<String> entryPoints = Set.of("io.azolla.spring.client.grpc.GrpcAzollaClient",
				"io.azolla.spring.client.embedded.EmbeddedAzollaClient",
				"io.azolla.spring.worker.shepherd.ShepherdWorker", "io.azolla.spring.worker.shepherd.ShepherdSettings",
				"io.azolla.spring.worker.invocation.InvocationRunner");
		classes().that()
			.resideInAnyPackage("io.azolla.spring.client.grpc", "io.azolla.spring.client.embedded",
					"io.azolla.spring.worker.shepherd", "io.azolla.spring.worker.invocation")
			.and()
			.areTopLevelClasses()
			.and()
			.doNotHaveModifier(JavaModifier.SYNTHETIC)
			.should()
			.notBePublic()
			.orShould()
			.haveNameMatching(String.join("|", entryPoints).replace(".", "\\.") + "|.*\\$.*")
			.check(core);
		assertThat(core.stream().filter((type) -> entryPoints.contains(type.getName())).map(JavaClass::getName))
			.containsExactlyInAnyOrderElementsOf(entryPoints);
	}

}
