package dev.postpurchase.metrics;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of cx-metrics-service: each KPI group stands alone on the KPI seam. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.metrics")
			.modelKnowsNothingOf("kpi", "delivery", "survey", "returns")
			.modelKnowsNothingOf("delivery", "survey", "returns")
			.modelKnowsNothingOf("survey", "delivery", "returns")
			.modelKnowsNothingOf("returns", "delivery", "survey")
			.webIsAnEdge();
	}

}
