package dev.postpurchase.pages;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of customer-pages: the pages stand alone on the shared page and backend seams. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.pages")
			.modelKnowsNothingOf("page", "survey", "preferences", "tracking", "returns", "security")
			.modelKnowsNothingOf("backend", "page", "survey", "preferences", "tracking", "returns", "security", "brand")
			.modelKnowsNothingOf("brand", "survey", "preferences", "tracking", "returns", "security", "page")
			.modelKnowsNothingOf("survey", "preferences", "tracking", "returns")
			.modelKnowsNothingOf("preferences", "survey", "tracking", "returns")
			.modelKnowsNothingOf("tracking", "survey", "preferences", "returns")
			.modelKnowsNothingOf("returns", "survey", "preferences", "tracking")
			.webIsAnEdge();
	}

}
