package dev.postpurchase.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class InvalidInputTests {

	@Test
	void isA400ProblemListingEveryBrokenRule() {
		var invalid = new InvalidInput("Invalid order", List.of("lines: required", "currency: not ISO 4217"));

		var problem = invalid.getBody();
		assertThat(problem.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
		assertThat(problem.getTitle()).isEqualTo("Invalid order");
		assertThat(problem.getDetail()).isEqualTo("Invalid order: lines: required; currency: not ISO 4217");
		assertThat(problem.getProperties()).containsEntry("errors", List.of("lines: required", "currency: not ISO 4217"));
		assertThat(invalid.getMessage()).isEqualTo(problem.getDetail());
	}

	@Test
	void keepsTheRulesAsTheyWereWhenRaised() {
		var rules = new ArrayList<>(List.of("lines: required"));
		var invalid = new InvalidInput("Invalid order", rules);
		rules.add("added later");

		assertThat(invalid.errors()).containsExactly("lines: required");
		assertThat(invalid.getBody().getProperties()).containsEntry("errors", List.of("lines: required"));
	}

}
