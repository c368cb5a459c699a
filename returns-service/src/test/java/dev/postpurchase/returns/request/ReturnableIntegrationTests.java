package dev.postpurchase.returns.request;

import static dev.postpurchase.returns.ReturnsMessages.RAINCOAT;
import static dev.postpurchase.returns.ReturnsMessages.SNEAKERS;
import static dev.postpurchase.returns.ReturnsMessages.SOCKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.returns.ReturnsMessages;
import dev.postpurchase.returns.ReturnsMessages.Order;
import dev.postpurchase.returns.ReturnsServiceIntegrationTest;
import dev.postpurchase.returns.order.Orders;
import dev.postpurchase.testkit.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer's return page's preview of an order ({@code GET /api/v1/customer/orders/{id}/returnable})
 * as the page sees it, and that it agrees with the request it posts: what the preview offers is
 * accepted, anything more is refused, by the same rules.
 */
@ReturnsServiceIntegrationTest
class ReturnableIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	MutableClock clock;

	@Autowired
	Orders orders;

	private final ReturnsMessages messages = new ReturnsMessages();

	@Test
	void eligibleItemsShowWhatIsLeftAfterAnEarlierReturnAndThePreviewAgreesWithTheRequest() {
		// three raincoats this time (the story's order has one), two final-sale socks
		var order = placed(3);
		deliver(order, clock.instant().minus(Duration.ofDays(2)));
		var link = links.issue(order.orderId(), LinkPurpose.RETURN);

		var first = request(order, RAINCOAT, 1, "MAIL_IN", link).expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		// the confirmation's next step: 129.95 is approved at once, the label is there to print
		assertThat(first.get("state").asString()).isEqualTo("LABEL_ISSUED");
		assertThat(first.get("nextStep").asString()).isEqualTo("PRINT_LABEL");
		assertThat(first.at("/label/labelUrl").asString()).contains("/api/v1/customer/returns/" + first.get("id")
			.asString() + "/label?token=");

		var preview = returnable(order, link).expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(preview.get("orderId").asString()).isEqualTo(order.orderId());
		// the way back to the tracking page: a TRACKING link for this order and no other
		var tracking = preview.at("/links/trackingToken").asString();
		assertThat(links.orderOf(tracking, LinkPurpose.TRACKING)).isEqualTo(order.orderId());
		var raincoat = item(preview.get("eligible"), RAINCOAT);
		assertThat(raincoat.get("maxQuantity").asInt()).isEqualTo(2);
		assertThat(raincoat.get("purchased").asInt()).isEqualTo(3);
		assertThat(raincoat.get("returned").asInt()).isEqualTo(1);
		assertThat(raincoat.get("name").asString()).isEqualTo("Regenjas Storm, navy, M");
		assertThat(strings(raincoat.get("outcomes"))).containsExactlyInAnyOrder("REFUND", "STORE_CREDIT", "EXCHANGE");
		assertThat(strings(raincoat.get("methods"))).containsExactlyInAnyOrder("MAIL_IN", "DROP_OFF", "IN_STORE");
		// delivered two days ago: 30 days from the delivery date in Amsterdam
		var deliveredOn = LocalDate.ofInstant(clock.instant().minus(Duration.ofDays(2)), AMSTERDAM);
		assertThat(raincoat.get("lastDay").asString()).isEqualTo(deliveredOn.plusDays(30).toString());
		assertThat(item(preview.get("eligible"), SNEAKERS).get("maxQuantity").asInt()).isEqualTo(1);
		var socks = item(preview.get("ineligible"), SOCKS);
		assertThat(socks.at("/blockedBy/0/rule").asString()).isEqualTo("FINAL_SALE");
		assertThat(socks.at("/blockedBy/0/detail").asString()).contains("final sale");
		assertThat(preview.get("eligible")).hasSize(2);
		assertThat(preview.get("ineligible")).hasSize(1);
		var changedMind = reason(preview, "CHANGED_MIND");
		assertThat(changedMind.get("restockingFeePercent").decimalValue()).isEqualByComparingTo("10");
		assertThat(changedMind.get("refundsShipping").asBoolean()).isFalse();
		assertThat(reason(preview, "DAMAGED").get("refundsShipping").asBoolean()).isTrue();
		// nothing of the customer: not their id, name, email, phone or address
		assertThat(preview.toString()).doesNotContain(order.customerId(), "Sanne", "example.nl", "+3161", "Oudegracht",
				"Utrecht");

		// more than the preview allows is refused, by the rule the preview applies; what it allows is taken
		rule(request(order, RAINCOAT, 3, "DROP_OFF", link), "QUANTITY_EXCEEDED");
		rule(request(order, SOCKS, 1, "DROP_OFF", link), "FINAL_SALE");
		var second = request(order, RAINCOAT, 2, "DROP_OFF", link).expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		// 259.90 is above the policy's 150: an agent decides first
		assertThat(second.get("nextStep").asString()).isEqualTo("AWAIT_APPROVAL");
		web.get().uri("/api/v1/customer/returns/{id}?token={t}", second.get("id").asString(), link).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.nextStep").isEqualTo("AWAIT_APPROVAL");

		var after = returnable(order, link).expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		var gone = item(after.get("ineligible"), RAINCOAT);
		assertThat(gone.at("/blockedBy/0/rule").asString()).isEqualTo("ALREADY_RETURNED");
		assertThat(gone.get("returned").asInt()).isEqualTo(3);
		assertThat(after.get("eligible")).singleElement().satisfies(
				sneakers -> assertThat(sneakers.get("sku").asString()).isEqualTo(SNEAKERS));
		rule(request(order, RAINCOAT, 1, "DROP_OFF", link), "QUANTITY_EXCEEDED");
		// a sneaker drop-off worth 79.95 is approved at once: the customer takes it to a drop-off point
		request(order, SNEAKERS, 1, "DROP_OFF", link).expectStatus().isCreated()
			.expectBody().jsonPath("$.state").isEqualTo("APPROVED").jsonPath("$.nextStep").isEqualTo("DROP_OFF");
	}

	@Test
	void anUndeliveredOrderHasNothingReturnableYet() {
		var order = placed(1);
		var link = links.issue(order.orderId(), LinkPurpose.RETURN);

		var preview = returnable(order, link).expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(preview.get("eligible")).isEmpty();
		assertThat(preview.get("ineligible")).hasSize(3);
		for (var sku : List.of(RAINCOAT, SNEAKERS, SOCKS)) {
			var item = item(preview.get("ineligible"), sku);
			assertThat(item.at("/blockedBy/0/rule").asString()).isEqualTo("NOT_DELIVERED");
		}
		rule(request(order, RAINCOAT, 1, "MAIL_IN", link), "NOT_DELIVERED");
	}

	@Test
	void theWindowClosesAtTheEndOfTheLastDayInTheCustomersZone() {
		var delivered = clock.instant().minus(Duration.ofDays(45));
		var order = placed(1);
		deliver(order, delivered);
		var lastDay = LocalDate.ofInstant(delivered, AMSTERDAM).plusDays(30);
		var lastMinute = lastDay.atTime(23, 59).atZone(AMSTERDAM).toInstant();
		var now = clock.instant();
		try {
			clock.set(lastMinute);
			var link = links.issue(order.orderId(), LinkPurpose.RETURN);
			var open = returnable(order, link).expectStatus().isOk()
				.expectBody(JsonNode.class).returnResult().getResponseBody();
			assertThat(item(open.get("eligible"), RAINCOAT).get("lastDay").asString()).isEqualTo(lastDay.toString());

			clock.set(lastMinute.plus(Duration.ofMinutes(1)));
			var closed = returnable(order, link).expectStatus().isOk()
				.expectBody(JsonNode.class).returnResult().getResponseBody();
			assertThat(closed.get("eligible")).isEmpty();
			var raincoat = item(closed.get("ineligible"), RAINCOAT);
			assertThat(raincoat.at("/blockedBy/0/rule").asString()).isEqualTo("RETURN_WINDOW_CLOSED");
			assertThat(raincoat.at("/blockedBy/0/detail").asString()).contains(lastDay.toString());
			// the socks: both rules
			assertThat(strings(item(closed.get("ineligible"), SOCKS).get("blockedBy"), "rule"))
				.containsExactly("FINAL_SALE", "RETURN_WINDOW_CLOSED");
			rule(request(order, RAINCOAT, 1, "MAIL_IN", link), "RETURN_WINDOW_CLOSED");
		}
		finally {
			clock.set(now.isAfter(clock.instant()) ? now : clock.instant());
		}
	}

	@Test
	void onlyAValidReturnLinkOfTheOrderSeesIt() {
		var mine = placed(1);
		deliver(mine, clock.instant().minus(Duration.ofDays(1)));
		var theirs = placed(1);
		deliver(theirs, clock.instant().minus(Duration.ofDays(1)));
		var myLink = links.issue(mine.orderId(), LinkPurpose.RETURN);

		returnable(theirs, myLink).expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class).value(problem -> assertThat(problem).doesNotContain(RAINCOAT, SNEAKERS));
		returnable(mine, links.issue(mine.orderId(), LinkPurpose.TRACKING)).expectStatus().isForbidden();
		returnable(mine, myLink + "x").expectStatus().isUnauthorized();
		returnable(mine, null).expectStatus().isUnauthorized();
		var shortLived = links.issue(mine.orderId(), LinkPurpose.RETURN, Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(2));
		returnable(mine, shortLived).expectStatus().isUnauthorized();

		// a valid link of an order this service never heard of: 404, as a request for it gets
		var unknown = Order.fresh();
		returnable(unknown, links.issue(unknown.orderId(), LinkPurpose.RETURN)).expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		request(unknown, RAINCOAT, 1, "MAIL_IN", links.issue(unknown.orderId(), LinkPurpose.RETURN))
			.expectStatus().isNotFound();
		returnable(mine, myLink).expectStatus().isOk();
	}

	/** The story's order with {@code raincoats} raincoats, known here (not delivered). */
	private Order placed(int raincoats) {
		var order = Order.fresh();
		var placed = messages.placed(order);
		((ObjectNode) placed.get("lines").get(0)).put("quantity", raincoats);
		messages.publish(OrderPlaced.class, placed);
		await().atMost(TIMEOUT).until(() -> orders.find(order.orderId()).hasElement().block());
		return order;
	}

	private void deliver(Order order, Instant at) {
		messages.publish(ShipmentDelivered.class, messages.delivered(order, at));
		await().atMost(TIMEOUT).until(() -> orders.find(order.orderId()).block().delivered());
	}

	private WebTestClient.ResponseSpec returnable(Order order, String link) {
		return web.get()
			.uri(link == null ? "/api/v1/customer/orders/" + order.orderId() + "/returnable"
					: "/api/v1/customer/orders/" + order.orderId() + "/returnable?token=" + link)
			.exchange();
	}

	private WebTestClient.ResponseSpec request(Order order, String sku, int quantity, String method, String link) {
		var body = Map.of("orderId", order.orderId(), "lines", List.of(Map.of("sku", sku, "quantity", quantity)),
				"reason", "DOES_NOT_FIT", "outcome", "REFUND", "method", method);
		return web.post().uri("/api/v1/returns?token=" + link).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange();
	}

	private static void rule(WebTestClient.ResponseSpec response, String rule) {
		response.expectStatus().isEqualTo(422)
			.expectBody()
			.jsonPath("$.violations[0].rule").isEqualTo(rule);
	}

	private static JsonNode item(JsonNode items, String sku) {
		for (var item : items) {
			if (sku.equals(item.get("sku").asString())) {
				return item;
			}
		}
		throw new AssertionError("No item " + sku + " in " + items);
	}

	private static JsonNode reason(JsonNode preview, String reason) {
		for (var option : preview.get("reasons")) {
			if (reason.equals(option.get("reason").asString())) {
				return option;
			}
		}
		throw new AssertionError("No reason " + reason + " in " + preview.get("reasons"));
	}

	private static List<String> strings(JsonNode array) {
		var values = new ArrayList<String>();
		array.forEach(value -> values.add(value.asString()));
		return values;
	}

	private static List<String> strings(JsonNode array, String field) {
		var values = new ArrayList<String>();
		array.forEach(value -> values.add(value.get(field).asString()));
		return values;
	}

}
