package dev.postpurchase.notification;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of notification-service. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.notification")
			.modelKnowsNothingOf("recipient", "message", "inbound")
			.modelKnowsNothingOf("message", "inbound")
			.modelKnowsNothingOf("provider", "message", "recipient", "preference", "inbound")
			.webIsAnEdge()
			.modelDoesNotTalkToKafka("recipient", "message");
	}

}
