package dev.postpurchase.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules every service keeps (STYLE.md: package by feature, web and listeners at the
 * edges), checked by each service's {@code ArchitectureTests}.
 */
public final class ArchitectureRules {

	private final JavaClasses classes;

	private final String base;

	private ArchitectureRules(String base) {
		this.base = base;
		this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(base);
	}

	/** The production classes of a service, for example {@code dev.postpurchase.order}. */
	public static ArchitectureRules of(String basePackage) {
		return new ArchitectureRules(basePackage);
	}

	/** A feature's model does not know the features that call it (webhooks, listeners, views). */
	public ArchitectureRules modelKnowsNothingOf(String model, String... callers) {
		var callerPackages = new String[callers.length];
		for (int i = 0; i < callers.length; i++) {
			callerPackages[i] = base + "." + callers[i] + "..";
		}
		noClasses().that().resideInAPackage(base + "." + model + "..")
			.should().dependOnClassesThat().resideInAnyPackage(callerPackages)
			.check(classes);
		return this;
	}

	/** Controllers are entry points: nothing outside a {@code web} package uses them. */
	public ArchitectureRules webIsAnEdge() {
		noClasses().that().resideOutsideOfPackage("..web..")
			.should().dependOnClassesThat().resideInAPackage(base + "..web..")
			.check(classes);
		return this;
	}

	/** Only listeners (outside the model) talk to Kafka; the model publishes through its outbox. */
	public ArchitectureRules modelDoesNotTalkToKafka(String... models) {
		var packages = new String[models.length];
		for (int i = 0; i < models.length; i++) {
			packages[i] = base + "." + models[i] + "..";
		}
		noClasses().that().resideInAnyPackage(packages)
			.should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..")
			.check(classes);
		return this;
	}

}
