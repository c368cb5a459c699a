package dev.postpurchase.order;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of order-service. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.order")
			.modelKnowsNothingOf("orders", "status", "shopify", "inbound", "exchange", "erasure", "customer")
			.webIsAnEdge()
			.modelDoesNotTalkToKafka("orders", "status.web");
	}

}
