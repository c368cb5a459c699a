package dev.postpurchase.returns;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.returns.ReturnsMessages.Order;
import dev.postpurchase.returns.order.Orders;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadJsonClient;
import dev.postpurchase.testkit.BadJsonClient.Request;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.postpurchase.returns.ReturnsMessages.RAINCOAT;
import static dev.postpurchase.returns.ReturnsMessages.SNEAKERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of returns-service that takes a body, fed mutated and random JSON with the right
 * credentials (an agent's bearer token, or the customer's return link): the answer is a 2xx or a 4xx
 * problem, never a 5xx; a rejected return request stores nothing, and every return reads back whole.
 */
@ReturnsServiceIntegrationTest
class BadInputPropertiesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	Orders orders;

	@Autowired
	MutableClock clock;

	final ReturnsMessages messages = new ReturnsMessages();

	@Test
	void requestingAReturn() {
		var order = deliveredOrder();
		var link = links.issue(order.orderId(), LinkPurpose.RETURN);
		var requests = BadJson.of("""
				{"orderId": "%s", "reason": "DOES_NOT_FIT", "outcome": "REFUND", "method": "MAIL_IN",
				 "comment": "Too small", "lines": [{"sku": "%s", "quantity": 1}, {"sku": "%s", "quantity": 1}]}"""
			.formatted(order.orderId(), RAINCOAT, SNEAKERS));
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/returns", 150, random -> new Attempt(Request.of(requests).apply(random),
				random.nextBoolean()), attempt -> {
					var before = returnsOf(order);
					var answer = attempt.byCustomer()
							? client.send(HttpMethod.POST, "/api/v1/returns?token={token}", attempt.request(),
									headers -> headers.set("X-Forwarded-For", caller), link)
							: client.send(HttpMethod.POST, "/api/v1/returns", attempt.request(),
									BadJsonClient.as(caller, "returns:write"));
					if (answer.ok()) {
						assertReadable(answer.json().get("id").asString());
					}
					else {
						assertThat(returnsOf(order)).as("a rejected request stores no return").isEqualTo(before);
					}
				});
	}

	@Test
	void decidingOnAReturn() {
		var order = deliveredOrder();
		var returnId = web.post().uri("/api/v1/returns").headers(h -> h.setBearerAuth(TestTokens.of("returns:write")))
			.bodyValue(Map.of("orderId", order.orderId(), "reason", "DAMAGED", "outcome", "REFUND", "method", "MAIL_IN",
					"lines", List.of(Map.of("sku", RAINCOAT, "quantity", 1))))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(ObjectNode.class).returnResult().getResponseBody().get("id").asString();
		var decisions = Map.of("reject", BadJson.of("{\"reason\": \"Worn\"}"), "receive", BadJson.of("""
				{"lines": [{"sku": "%s", "quantity": 1, "condition": "OK"}]}""".formatted(RAINCOAT)), "approve",
				BadJson.of("{}"), "refund/retry", BadJson.of("{}"));
		var actions = decisions.keySet().stream().sorted().toList();
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/returns/{id}/...", 200, random -> {
			var action = actions.get(random.nextInt(actions.size()));
			return Map.entry(action, Request.of(decisions.get(action)).apply(random));
		}, attempt -> client.send(HttpMethod.POST, "/api/v1/returns/{id}/" + attempt.getKey(), attempt.getValue(),
				BadJsonClient.as(caller, "returns:write"), returnId));
		client.assertBodiesWereJudged();
		assertReadable(returnId);
	}

	@Test
	void decidingOnAReturnOfAnyId() {
		var actions = List.of("approve", "reject", "receive", "refund/retry");
		var body = """
				{"reason": "Worn", "lines": [{"sku": "%s", "quantity": 1, "condition": "OK"}]}""".formatted(RAINCOAT)
			.getBytes();
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/returns/{any id}/...", 40,
				random -> List.of(actions.get(random.nextInt(actions.size())), BadJson.hostileString(random)),
				attempt -> client.sendToHostileUri(HttpMethod.POST, "/api/v1/returns/{id}/" + attempt.get(0), body,
						BadJsonClient.as(caller, "returns:write"), attempt.get(1)));
	}

	/** The return reads back through the API, with what every return has. */
	private void assertReadable(String returnId) {
		var answer = web.get().uri("/api/v1/returns/{id}", returnId)
			.headers(h -> h.setBearerAuth(TestTokens.of("returns:write")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(answer.get("id").asString()).isEqualTo(returnId);
		assertThat(answer.get("state").asString()).isNotBlank();
		assertThat(answer.get("lines").isArray()).isTrue();
	}

	private int returnsOf(Order order) {
		return web.get().uri("/api/v1/returns?orderId={id}", order.orderId())
			.headers(h -> h.setBearerAuth(TestTokens.of("returns:write")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("items").size();
	}

	private Order deliveredOrder() {
		var order = Order.fresh();
		messages.publish(OrderPlaced.class, messages.placed(order));
		messages.publish(ShipmentDelivered.class, messages.delivered(order, clock.instant().minus(Duration.ofDays(3))));
		await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(order.orderId())
			.map(facts -> facts.deliveredAt() != null)
			.defaultIfEmpty(false)
			.block());
		return order;
	}

	/** A drawn request, sent by an agent or with the customer's return link. */
	record Attempt(Request request, boolean byCustomer) {

		@Override
		public String toString() {
			return (byCustomer ? "with the customer's link " : "by an agent ") + request;
		}

	}

}
