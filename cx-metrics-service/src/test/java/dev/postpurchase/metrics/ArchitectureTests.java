package dev.postpurchase.metrics;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of cx-metrics-service: each KPI group stands alone on the KPI seam. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.metrics")
			.modelKnowsNothingOf("kpi", "delivery", "survey", "returns", "notification", "support")
			.modelKnowsNothingOf("delivery", "survey", "returns", "notification", "support")
			.modelKnowsNothingOf("survey", "delivery", "returns", "notification", "support")
			.modelKnowsNothingOf("returns", "delivery", "survey", "notification", "support")
			.modelKnowsNothingOf("notification", "delivery", "survey", "returns", "support")
			.modelKnowsNothingOf("support", "delivery", "survey", "returns", "notification")
			.webIsAnEdge();
	}

}
