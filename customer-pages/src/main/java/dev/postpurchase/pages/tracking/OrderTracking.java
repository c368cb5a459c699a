package dev.postpurchase.pages.tracking;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.backend.BackendCalls;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * order-service's customer view of an order ({@code GET /api/v1/customer/orders/{orderId}}), called
 * with the customer's TRACKING link token: the order, its parcels with their checkpoints, open
 * delivery problems, returns, and link tokens for the return and preferences pages.
 */
@Component
public class OrderTracking {

	static final String BACKEND = "order-service";

	static final String ORDER = "/api/v1/customer/orders/{orderId}?token={token}";

	private final BackendCalls calls;

	OrderTracking(PagesSettings settings) {
		this.calls = new BackendCalls(BACKEND, settings.backends().orderService().toString(), settings.timeout());
	}

	public Mono<TrackedOrder> of(String orderId, String token) {
		return calls.send(calls.client().get().uri(ORDER, orderId, token).accept(MediaType.APPLICATION_JSON), orderId,
				response -> response.bodyToMono(JsonNode.class).map(TrackedOrder::read));
	}

}
