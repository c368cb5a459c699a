package dev.postpurchase.tracking;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of tracking-service. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.tracking")
			.modelKnowsNothingOf("shipment", "aftership", "inbound")
			.webIsAnEdge()
			.modelDoesNotTalkToKafka("shipment");
	}

}
