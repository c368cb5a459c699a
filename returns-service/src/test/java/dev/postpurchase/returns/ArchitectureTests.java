package dev.postpurchase.returns;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of returns-service. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.returns")
			.modelKnowsNothingOf("policy", "request", "inbound", "payment")
			.modelKnowsNothingOf("payment", "request", "policy", "order", "inbound")
			.modelKnowsNothingOf("request", "inbound")
			.webIsAnEdge()
			.modelDoesNotTalkToKafka("policy", "payment", "request");
	}

}
