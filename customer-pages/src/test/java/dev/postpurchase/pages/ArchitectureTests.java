package dev.postpurchase.pages;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ArchitectureRules;

/** The package boundaries of customer-pages: the pages stand alone on the shared page and backend seams. */
class ArchitectureTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ArchitectureRules.of("dev.postpurchase.pages")
			.modelKnowsNothingOf("page", "survey", "preferences", "security")
			.modelKnowsNothingOf("backend", "page", "survey", "preferences", "security", "brand")
			.modelKnowsNothingOf("brand", "survey", "preferences", "security", "page")
			.modelKnowsNothingOf("survey", "preferences")
			.modelKnowsNothingOf("preferences", "survey")
			.webIsAnEdge();
	}

}
