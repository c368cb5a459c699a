package dev.postpurchase.metrics.survey;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Mono;

/**
 * Where customers answer the survey of the delivery email. No login: the body carries the signed
 * SURVEY link token of the order (401 when missing, invalid or expired; 403 when it is for another
 * order or purpose). One answer per order and survey type (409 for a second one, whether the first
 * is published or still parked). The answer is published as SurveyAnswered on {@code feedback.events}
 * (201). When the order's OrderPlaced has not reached this service yet (SurveyAnswered must name the
 * customer), the answer is accepted all the same (202) and parked: it is published, and counted, once
 * the order is known (see {@link Surveys#park}).
 */
@RestController
class SurveyController {

	private static final Logger log = LoggerFactory.getLogger(SurveyController.class);

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

	/**
	 * The answer as stored, without the customer's comment or the outbox.
	 * @param pending whether it waits for its order (202) before it is published and counted
	 * @param detail for a pending answer, what happens next
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Answered(String orderId, SurveyType type, int score, Instant answeredAt, boolean pending, String detail) {

		static Answered of(SurveyAnswer stored) {
			return new Answered(stored.orderId(), stored.surveyType(), stored.score(), stored.answeredAt(), false, null);
		}

		static Answered parked(SurveyAnswer stored) {
			return new Answered(stored.orderId(), stored.surveyType(), stored.score(), stored.answeredAt(), true,
					"Order " + stored.orderId() + " is not known here yet: the answer is kept and will be counted "
							+ "once the order is known");
		}

	}

	@PostMapping("/api/v1/surveys")
	Mono<ResponseEntity<Answered>> answer(@RequestBody SurveyRequest request) {
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
		var orderId = request.orderId();
		var now = clock.instant();
		return orders.find(orderId)
			.flatMap(order -> surveys.answer(order, type, request.score(), comment, now)
				.map(stored -> ResponseEntity.status(HttpStatus.CREATED).body(Answered.of(stored))))
			.switchIfEmpty(Mono.defer(() -> surveys.park(orderId, type, request.score(), comment, now)
				.flatMap(parked -> completeIfKnown(orderId)
					.thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).body(Answered.parked(parked))))));
	}

	/**
	 * The order may have become known between the first look-up and parking, its OrderPlaced then
	 * finding nothing parked: look once more. A failure here is left to the sweep, the answer is safe.
	 */
	private Mono<Long> completeIfKnown(String orderId) {
		return orders.find(orderId)
			.flatMap(order -> surveys.complete(orderId, order.customerId(), order.salesChannel()))
			.onErrorResume(failed -> {
				log.warn("Completing the parked survey answers of order {} failed, the sweep retries: {}", orderId,
						failed.toString());
				return Mono.empty();
			});
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
