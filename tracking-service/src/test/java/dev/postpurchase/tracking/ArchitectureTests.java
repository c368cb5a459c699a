package dev.postpurchase.tracking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package boundaries of tracking-service. */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.postpurchase.tracking");

	@Test
	void theShipmentModelKnowsNothingOfItsCallers() {
		noClasses().that().resideInAPackage("..tracking.shipment..")
			.should().dependOnClassesThat().resideInAnyPackage("..tracking.aftership..", "..tracking.inbound..")
			.check(classes);
	}

	@Test
	void webControllersAreNotUsedByOtherFeatures() {
		noClasses().that().resideOutsideOfPackage("..web..")
			.should().dependOnClassesThat().resideInAPackage("..tracking..web..")
			.check(classes);
	}

	@Test
	void onlyListenersTalkToKafka() {
		noClasses().that().resideInAnyPackage("..tracking.shipment..")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..")
			.check(classes);
	}

}
