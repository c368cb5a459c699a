package dev.postpurchase.metrics;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of cx-metrics-service: each KPI group stands alone on the KPI seam. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.metrics")
			.modelKnowsNothingOf("kpi", "delivery", "survey")
			.modelKnowsNothingOf("delivery", "survey")
			.modelKnowsNothingOf("survey", "delivery")
			.webIsAnEdge();
	}

}
