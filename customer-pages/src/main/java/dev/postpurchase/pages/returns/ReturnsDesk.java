package dev.postpurchase.pages.returns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.backend.BackendCalls;
import dev.postpurchase.pages.returns.ReturnRequest.Refusal;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * returns-service's customer API, called with the customer's RETURN link token: what of the order
 * can be returned, the request itself ({@code POST /api/v1/returns?token=}; a refusal, 400, 409 or
 * 422 with the rules broken, is an answer the page explains, not a failure), and one return (for its
 * label).
 */
@Component
public class ReturnsDesk {

	static final String BACKEND = "returns-service";

	static final String RETURNABLE = "/api/v1/customer/orders/{orderId}/returnable?token={token}";

	static final String REQUEST = "/api/v1/returns?token={token}";

	static final String ONE = "/api/v1/customer/returns/{returnId}?token={token}";

	private final BackendCalls calls;

	ReturnsDesk(PagesSettings settings) {
		this.calls = new BackendCalls(BACKEND, settings.backends().returnsService().toString(), settings.timeout());
	}

	public Mono<ReturnableOrder> returnable(String orderId, String token) {
		return calls.send(calls.client().get().uri(RETURNABLE, orderId, token).accept(MediaType.APPLICATION_JSON),
				orderId, response -> response.bodyToMono(JsonNode.class).map(ReturnableOrder::read));
	}

	/**
	 * Requests the return of the chosen items: each with its quantity, and for an exchange the same
	 * item again (the page offers no other variant). {@code requestKey} names this request of the form
	 * ({@code Idempotency-Key}): the same form sent again answers with the return the first made.
	 */
	public Mono<ReturnRequest> request(String orderId, String token, ReturnChoice choice, String requestKey) {
		var lines = new ArrayList<Map<String, Object>>();
		choice.quantities().forEach((sku, quantity) -> {
			var line = new LinkedHashMap<String, Object>();
			line.put("sku", sku);
			line.put("quantity", quantity);
			if ("EXCHANGE".equals(choice.outcome())) {
				line.put("exchangeSku", sku);
			}
			lines.add(line);
		});
		var body = new LinkedHashMap<String, Object>();
		body.put("orderId", orderId);
		body.put("lines", lines);
		body.put("reason", choice.reason());
		body.put("comment", choice.comment());
		body.put("outcome", choice.outcome());
		body.put("method", choice.method());
		return calls.send(calls.client().post().uri(REQUEST, token).contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", requestKey)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON).bodyValue(body), orderId,
				response -> response.bodyToMono(JsonNode.class)
					.map(json -> new ReturnRequest(ReturnSummary.read(json), List.of())),
				ReturnsDesk::refused);
	}

	/** One return of the order the token is for. */
	public Mono<ReturnSummary> one(String orderId, String returnId, String token) {
		return calls.send(calls.client().get().uri(ONE, returnId, token).accept(MediaType.APPLICATION_JSON), orderId,
				response -> response.bodyToMono(JsonNode.class).map(ReturnSummary::read));
	}

	/** The rules of a problem detail's {@code violations}; one without any names its status instead. */
	private static Mono<ReturnRequest> refused(ClientResponse response) {
		var status = response.statusCode().value();
		return response.bodyToMono(JsonNode.class)
			.map(problem -> ReturnableOrder.list(problem.path("violations"),
					violation -> new Refusal(ReturnableOrder.text(violation.path("rule")),
							ReturnableOrder.text(violation.path("sku")))))
			.onErrorResume(unreadable -> Mono.just(List.of()))
			.defaultIfEmpty(List.of())
			.map(refusals -> {
				var known = refusals.stream().filter(refusal -> refusal.rule() != null).toList();
				return new ReturnRequest(null, known.isEmpty() ? List.of(new Refusal("HTTP_" + status, null)) : known);
			});
	}

}
