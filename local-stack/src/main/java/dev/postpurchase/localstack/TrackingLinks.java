package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.postpurchase.contracts.EventJson;

/**
 * A tracking page link for an order, issued the way customer support resends one: order-service's
 * {@code POST /api/v1/orders/{orderId}/customer-links} {@code {"purpose": "TRACKING"}} with a token of
 * scope {@code support} (the agent role's), then the customer pages' {@code /track/{orderId}?token=}.
 */
final class TrackingLinks {

	private TrackingLinks() {
	}

	/**
	 * @param orderService order-service's base URL
	 * @param customerPages the customer pages' base URL
	 * @param supportToken a bearer token with scope {@code support}
	 * @return the tracking page's URL, token included
	 * @throws IllegalStateException when order-service does not issue one (its status, never its body)
	 */
	static URI issue(HttpClient http, URI orderService, URI customerPages, String supportToken, String orderId)
			throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(orderService.resolve("/api/v1/orders/" + orderId + "/customer-links"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + supportToken)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString("{\"purpose\": \"TRACKING\"}"))
			.build();
		var response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("order-service answered " + response.statusCode()
					+ " to a tracking link for order " + orderId);
		}
		var token = EventJson.mapper().readTree(response.body()).get("token").asString();
		return customerPages.resolve("/track/" + orderId + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
	}

}
