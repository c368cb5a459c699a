package dev.postpurchase.pages.survey;

import java.util.LinkedHashMap;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.backend.BackendCalls;
import reactor.core.publisher.Mono;

/**
 * cx-metrics-service's survey API: {@code POST /api/v1/surveys} with the customer's SURVEY link
 * token in the body. 201 (counted) and 202 (kept until the order is known there) are both a
 * success for the customer; 409 (already answered) and the rest fail as a
 * {@link dev.postpurchase.pages.backend.BackendFailure}.
 */
@Component
public class SurveyAnswers {

	static final String BACKEND = "cx-metrics-service";

	private final BackendCalls calls;

	SurveyAnswers(PagesSettings settings) {
		this.calls = new BackendCalls(BACKEND, settings.backends().cxMetricsService().toString(), settings.timeout());
	}

	/** Sends one answer; completes when the service took it. */
	public Mono<Void> answer(String orderId, String token, SurveyType type, int score, String comment) {
		var body = new LinkedHashMap<String, Object>();
		body.put("orderId", orderId);
		body.put("token", token);
		body.put("type", type.name());
		body.put("score", score);
		if (comment != null) {
			body.put("comment", comment);
		}
		return calls.send(calls.client().post().uri("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON).bodyValue(body), orderId, response -> response.releaseBody());
	}

}
