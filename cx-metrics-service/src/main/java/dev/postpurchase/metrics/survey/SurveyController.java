package dev.postpurchase.metrics.survey;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Mono;

/**
 * Where customers answer the survey of the delivery email. No login: the body carries the signed
 * SURVEY link token of the order (401 when missing, invalid or expired; 403 when it is for another
 * order or purpose). One answer per order and survey type (409 for a second one). The answer is
 * published as SurveyAnswered on {@code feedback.events}. 503 when the order's OrderPlaced has not
 * reached this service yet (SurveyAnswered must name the customer): the page may retry.
 */
@RestController
class SurveyController {

	static final int LONGEST_COMMENT = 1000;

	private final Surveys surveys;

	private final OrderFacts orders;

	private final CustomerLinks links;

	private final Clock clock;

	SurveyController(Surveys surveys, OrderFacts orders, CustomerLinks links, Clock clock) {
		this.surveys = surveys;
		this.orders = orders;
		this.links = links;
		this.clock = clock;
	}

	/** The answer as stored, without the customer's comment or the outbox. */
	record Answered(String orderId, SurveyType type, int score, Instant answeredAt) {

	}

	@PostMapping("/api/v1/surveys")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Answered> answer(@RequestBody SurveyRequest request) {
		if (request.orderId() == null || request.orderId().isBlank()) {
			return Mono.error(Problems.badRequest("orderId: required"));
		}
		links.authorize(request.token(), LinkPurpose.SURVEY, request.orderId());
		var type = type(request.type());
		if (request.score() == null || !type.accepts(request.score())) {
			return Mono.error(Problems.badRequest("score: " + type + " takes a whole number from " + type.min() + " to "
					+ type.max()));
		}
		if (request.comment() != null && request.comment().length() > LONGEST_COMMENT) {
			return Mono.error(Problems.badRequest("comment: at most " + LONGEST_COMMENT + " characters"));
		}
		var comment = request.comment() == null || request.comment().isBlank() ? null : request.comment();
		return orders.find(request.orderId())
			.switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
					"Order " + request.orderId() + " is not known here yet; try again later")))
			.flatMap(order -> surveys.answer(order, type, request.score(), comment, clock.instant()))
			.map(stored -> new Answered(stored.orderId(), stored.surveyType(), stored.score(), stored.answeredAt()));
	}

	private static SurveyType type(String value) {
		try {
			if (value != null) {
				return SurveyType.valueOf(value.trim().toUpperCase(Locale.ROOT));
			}
		}
		catch (IllegalArgumentException ex) {
			// named below
		}
		throw Problems.badRequest("type: one of " + Arrays.toString(SurveyType.values()));
	}

	/**
	 * @param token the SURVEY link token of the order, from the delivery email
	 * @param type NPS (score 0–10), CSAT (1–5) or CES (1–7)
	 * @param comment optional, at most 1000 characters
	 */
	record SurveyRequest(String orderId, String token, String type, Integer score, String comment) {

	}

}
