package dev.postpurchase.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package boundaries of order-service. */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.postpurchase.order");

	@Test
	void theOrderModelKnowsNothingOfItsCallers() {
		noClasses().that().resideInAPackage("..order.orders..")
			.should().dependOnClassesThat().resideInAnyPackage("..order.status..", "..order.shopify..", "..order.inbound..")
			.check(classes);
	}

	@Test
	void webControllersAreNotUsedByOtherFeatures() {
		noClasses().that().resideOutsideOfPackage("..web..")
			.should().dependOnClassesThat().resideInAPackage("..order..web..")
			.check(classes);
	}

	@Test
	void onlyListenersTalkToKafka() {
		noClasses().that().resideInAnyPackage("..order.orders..", "..order.status.web..")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..")
			.check(classes);
	}

}
