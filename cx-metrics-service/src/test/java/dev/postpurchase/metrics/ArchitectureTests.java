package dev.postpurchase.metrics;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of cx-metrics-service: each KPI group stands alone on the KPI seam. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.metrics")
			.modelKnowsNothingOf("kpi", "prometheus", "customer", "delivery", "survey", "returns", "notification", "support")
			.modelKnowsNothingOf("prometheus", "customer", "delivery", "survey", "returns", "notification", "support")
			.modelKnowsNothingOf("customer", "delivery", "survey", "returns", "notification", "support")
			.modelKnowsNothingOf("delivery", "customer", "survey", "returns", "notification", "support")
			.modelKnowsNothingOf("survey", "customer", "delivery", "returns", "notification", "support")
			.modelKnowsNothingOf("returns", "customer", "delivery", "survey", "notification", "support")
			.modelKnowsNothingOf("notification", "customer", "delivery", "survey", "returns", "support")
			.modelKnowsNothingOf("support", "customer", "delivery", "survey", "returns", "notification")
			.webIsAnEdge();
	}

}
