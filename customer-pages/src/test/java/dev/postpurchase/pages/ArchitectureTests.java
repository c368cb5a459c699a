package dev.postpurchase.pages;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of customer-pages: the pages stand alone on the shared page and backend seams. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.pages")
			.modelKnowsNothingOf("page", "survey", "preferences", "tracking", "returns", "ops", "security")
			.modelKnowsNothingOf("backend", "page", "survey", "preferences", "tracking", "returns", "ops", "security",
					"brand")
			.modelKnowsNothingOf("brand", "survey", "preferences", "tracking", "returns", "ops", "security", "page")
			.modelKnowsNothingOf("survey", "preferences", "tracking", "returns", "ops")
			.modelKnowsNothingOf("preferences", "survey", "tracking", "returns", "ops")
			.modelKnowsNothingOf("tracking", "survey", "preferences", "returns", "ops")
			.modelKnowsNothingOf("returns", "survey", "preferences", "tracking", "ops")
			.modelKnowsNothingOf("ops", "survey", "preferences", "tracking", "returns")
			.webIsAnEdge();
	}

}
