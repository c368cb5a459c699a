package dev.postpurchase.returns.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.postpurchase.returns.ReturnsMessages.RAINCOAT;
import static dev.postpurchase.returns.ReturnsMessages.SNEAKERS;
import static dev.postpurchase.returns.ReturnsMessages.SOCKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.contracts.returns.RefundFailed;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.returns.ReturnClosed;
import dev.postpurchase.contracts.returns.ReturnInTransit;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.returns.PaymentStandIn;
import dev.postpurchase.returns.ReturnsMessages;
import dev.postpurchase.returns.ReturnsMessages.Order;
import dev.postpurchase.returns.ReturnsServiceIntegrationTest;
import dev.postpurchase.returns.order.Orders;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.ScrapedMetrics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Returns as customers, agents, carriers and the payment provider see them: requests checked
 * against the order and the policy, the lifecycle moved by carrier scans alone, refunds made once
 * however often they are tried, exchanges, and the object-level authorization of customer links.
 */
@ReturnsServiceIntegrationTest
class ReturnLifecycleIntegrationTests {

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

	@Autowired
	Returns returns;

	@Autowired
	RefundTask refunds;

	private final ReturnsMessages messages = new ReturnsMessages();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@AfterEach
	void healThePaymentProvider() {
		PaymentStandIn.heal();
	}

	@Test
	void aMailInReturnGoesFromRequestToRefundByCarrierScansAlone() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(3)));
		var customerLink = links.issue(order.orderId(), LinkPurpose.RETURN);

		var created = request(order, Map.of("sku", RAINCOAT, "quantity", 1), "DOES_NOT_FIT", "REFUND", "MAIL_IN",
				customerLink)
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		// worth 129.95, under the policy's 150: approved at once, the label issued in the same step
		assertThat(created.get("state").asString()).isEqualTo("LABEL_ISSUED");
		assertThat(created.get("customerId")).isNull();
		var returnId = created.get("id").asString();
		var trackingNumber = created.at("/label/trackingNumber").asString();
		assertThat(created.at("/label/carrier").asString()).isEqualTo("dhl");
		var labelIssued = event(order, ReturnLabelIssued.TYPE);
		assertThat(labelIssued.value()).contains("\"returnId\":\"" + returnId + "\"",
				"\"trackingNumber\":\"" + trackingNumber + "\"");
		assertThat(event(order, ReturnApproved.TYPE).value()).contains("\"automatic\":true");

		// the carrier's scans, as tracking-service publishes them for the return parcel
		messages.publish(ShipmentStatusChanged.class, messages.returnParcel(order, returnId, "InTransit"));
		event(order, ReturnInTransit.TYPE);
		messages.publish(ShipmentDelivered.class, messages.returnParcelDelivered(order, returnId, clock.instant()));

		var refund = event(order, RefundIssued.TYPE);
		assertThat(refund.value()).contains("\"amount\":{\"amount\":129.95,\"currency\":\"EUR\"}",
				"\"outcome\":\"REFUND\"", "\"providerRefundId\":\"re_");
		assertThat(event(order, ReturnReceived.TYPE).value()).contains("\"condition\":\"OK\"");
		assertThat(event(order, ReturnClosed.TYPE).value()).contains("\"outcome\":\"REFUND\"");
		var made = PaymentStandIn.refundsOf(returnId);
		assertThat(made).singleElement().satisfies(request -> {
			assertThat(request.getHeader("Idempotency-Key")).isNotBlank();
			assertThat(request.getBodyAsString()).contains("amount=12995",
					"payment_intent=pi_3PqK8L2eZvKYlo2C0x7Dc1aB");
		});
		var stored = returns.find(returnId).block();
		assertThat(stored.state()).isEqualTo(ReturnState.CLOSED);
		assertThat(stored.history()).extracting(CustomerReturn.Transition::state)
			.containsExactly(ReturnState.REQUESTED, ReturnState.APPROVED, ReturnState.LABEL_ISSUED,
					ReturnState.IN_TRANSIT, ReturnState.RECEIVED, ReturnState.REFUNDED, ReturnState.CLOSED);

		// the same scans again change nothing
		messages.publish(ShipmentDelivered.class, messages.returnParcelDelivered(order, returnId, clock.instant()));
		var customerView = web.get().uri("/api/v1/customer/returns/{id}?token={t}", returnId, customerLink).exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(customerView.get("state").asString()).isEqualTo("CLOSED");
		assertThat(customerView.at("/refund/amount/amount").decimalValue()).isEqualByComparingTo("129.95");
		assertThat(PaymentStandIn.refundsOf(returnId)).hasSize(1);
	}

	@Test
	void aRequestRepeatedWithItsIdempotencyKeyAnswersWithTheReturnItMadeAndMakesNoOther() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(3)));
		var customerLink = links.issue(order.orderId(), LinkPurpose.RETURN);
		var body = Map.of("orderId", order.orderId(), "lines", List.of(Map.of("sku", RAINCOAT, "quantity", 1)), "reason",
				"DOES_NOT_FIT", "outcome", "REFUND", "method", "MAIL_IN");
		java.util.function.Function<String, WebTestClient.ResponseSpec> send = key -> web.post()
			.uri("/api/v1/returns?token={t}", customerLink)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();

		var first = send.apply("form-7f3a").expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		var again = send.apply("form-7f3a").expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(again.get("state").asString()).isEqualTo("LABEL_ISSUED");
		// another key is another request: the raincoat is on its way back already
		rule(send.apply("form-other"), "QUANTITY_EXCEEDED");
		assertThat(returns.ofOrder(order.orderId()).collectList().block()).singleElement()
			.satisfies(one -> assertThat(one.id()).isEqualTo(first.get("id").asString()));

		send.apply("x".repeat(256)).expectStatus().isBadRequest()
			.expectBody(String.class).value(problem -> assertThat(problem).contains("Idempotency-Key"));
	}

	@Test
	void eachEligibilityRuleGivesA422NamingIt() {
		// delivered 1 March 23:30 in Amsterdam: 30 days, the last day is 31 March (summer time by then)
		var delivered = LocalDate.of(2026, 3, 1).atTime(23, 30).atZone(AMSTERDAM).toInstant();
		var order = deliveredOrder(delivered);
		var lastMinute = LocalDate.of(2026, 3, 31).atTime(23, 59).atZone(AMSTERDAM).toInstant();
		var agent = TestTokens.of("returns:write");

		// the clock goes back to March for this, and forward to now again after
		clock.set(lastMinute);
		request(order, Map.of("sku", SNEAKERS, "quantity", 1), "CHANGED_MIND", "REFUND", "DROP_OFF", null, agent)
			.expectStatus().isCreated();
		clock.set(lastMinute.plus(Duration.ofMinutes(1)));
		rule(request(order, Map.of("sku", RAINCOAT, "quantity", 1), "CHANGED_MIND", "REFUND", "DROP_OFF", null, agent),
				"RETURN_WINDOW_CLOSED");
		clock.set(Instant.now().isAfter(clock.instant()) ? Instant.now() : clock.instant());

		var fresh = deliveredOrder(clock.instant().minus(Duration.ofDays(1)));
		rule(request(fresh, Map.of("sku", SOCKS, "quantity", 1), "CHANGED_MIND", "REFUND", "DROP_OFF", null, agent),
				"FINAL_SALE");
		rule(request(fresh, Map.of("sku", RAINCOAT, "quantity", 2), "DAMAGED", "REFUND", "DROP_OFF", null, agent),
				"QUANTITY_EXCEEDED");
		request(fresh, Map.of("sku", RAINCOAT, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", null, agent)
			.expectStatus().isCreated();
		// one raincoat was bought and one is on its way back already
		rule(request(fresh, Map.of("sku", RAINCOAT, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", null, agent),
				"QUANTITY_EXCEEDED");

		var cancelled = deliveredOrder(clock.instant().minus(Duration.ofDays(1)));
		messages.publish(OrderCancelled.class, messages.cancelled(cancelled));
		await().atMost(TIMEOUT).until(() -> orders.find(cancelled.orderId()).block().cancelled());
		rule(request(cancelled, Map.of("sku", RAINCOAT, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", null, agent),
				"ORDER_CANCELLED");

		request(Order.fresh(), Map.of("sku", RAINCOAT, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", null, agent)
			.expectStatus().isNotFound();
	}

	@Test
	void aRefundRetriedAfterProviderErrorsIsIssuedOnceWithOneIdempotencyKey() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var agent = TestTokens.of("returns:write");
		var returnId = request(order, Map.of("sku", RAINCOAT, "quantity", 1), "WRONG_ITEM", "REFUND", "IN_STORE", null,
				agent)
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		PaymentStandIn.fail(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Stripe is down\"}}"));

		// received in store (the only way for IN_STORE): the refund fails, and is kept for a retry
		receive(returnId, RAINCOAT, 1, "OK").expectStatus().isOk();
		var failed = event(order, RefundFailed.TYPE);
		assertThat(failed.value()).contains("\"errorCode\":\"HTTP_503\"", "\"willRetry\":true");
		var listed = web.get().uri("/api/v1/returns?state=REFUND_FAILED&limit=100")
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(listed.get("items").toString()).contains(returnId);

		PaymentStandIn.heal();
		clock.advance(Duration.ofMinutes(2));
		refunds.runPass().block();
		refunds.runPass().block();

		assertThat(event(order, RefundIssued.TYPE).value()).contains("\"amount\":{\"amount\":129.95");
		var made = PaymentStandIn.refundsOf(returnId);
		assertThat(made.size()).isGreaterThan(1);
		assertThat(made).extracting(request -> request.getHeader("Idempotency-Key")).containsOnly(
				made.get(0).getHeader("Idempotency-Key"));
		assertThat(returns.find(returnId).block().state()).isEqualTo(ReturnState.CLOSED);
		assertThat(topics.readAll(Topics.RETURN_EVENTS, Duration.ofSeconds(2)).stream()
			.filter(r -> order.orderId().equals(r.key()) && RefundIssued.TYPE.equals(KafkaTopics.header(r, "ce_type"))))
			.hasSize(1);
	}

	@Test
	void anExchangeIsRequestedOnceForTheItemsReceivedInOrder() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var agent = TestTokens.of("returns:write");
		var returnId = request(order, Map.of("sku", SNEAKERS, "quantity", 1, "exchangeSku", "SN-0417-WHT-43"),
				"DOES_NOT_FIT", "EXCHANGE", "IN_STORE", null, agent)
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();

		receive(returnId, SNEAKERS, 1, "OK").expectStatus().isOk();

		var exchange = event(order, ExchangeRequested.TYPE);
		assertThat(exchange.value()).contains("\"returnId\":\"" + returnId + "\"", "\"sku\":\"" + SNEAKERS + "\"",
				"\"newSku\":\"SN-0417-WHT-43\"", "\"quantity\":1");
		assertThat(event(order, ReturnClosed.TYPE).value()).contains("\"outcome\":\"EXCHANGE\"");
		assertThat(PaymentStandIn.refundsOf(returnId)).isEmpty();
		// receiving it again is an illegal transition
		receive(returnId, SNEAKERS, 1, "OK").expectStatus().isEqualTo(409);
	}

	@Test
	void illegalTransitionsAreRefusedWith409() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var agent = TestTokens.of("returns:write");
		// worth 209.90, above the policy's 150: it waits for an agent
		var body = Map.of("orderId", order.orderId(), "reason", "NOT_AS_DESCRIBED", "outcome", "REFUND", "method",
				"MAIL_IN", "lines", List.of(Map.of("sku", RAINCOAT, "quantity", 1), Map.of("sku", SNEAKERS, "quantity", 1)));
		var created = web.post().uri("/api/v1/returns").headers(h -> h.setBearerAuth(agent))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(created.get("state").asString()).isEqualTo("REQUESTED");
		var returnId = created.get("id").asString();
		event(order, ReturnRequested.TYPE);

		receive(returnId, RAINCOAT, 1, "OK").expectStatus().isEqualTo(409);
		web.post().uri("/api/v1/returns/{id}/approve", returnId).headers(h -> h.setBearerAuth(agent)).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.state").isEqualTo("LABEL_ISSUED").jsonPath("$.decidedBy").isEqualTo(
					"agent:" + TestTokens.SUBJECT);
		web.post().uri("/api/v1/returns/{id}/approve", returnId).headers(h -> h.setBearerAuth(agent)).exchange()
			.expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		web.post().uri("/api/v1/returns/{id}/reject", returnId).headers(h -> h.setBearerAuth(agent))
			.bodyValue(Map.of("reason", "too late")).exchange()
			.expectStatus().isEqualTo(409);
		web.post().uri("/api/v1/returns/{id}/approve", "ret_UNKNOWN000").headers(h -> h.setBearerAuth(agent)).exchange()
			.expectStatus().isNotFound();
		web.post().uri("/api/v1/returns/{id}/approve", returnId).headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void aCustomerLinkForAnotherOrderIsRefused() {
		var mine = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var theirs = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var myLink = links.issue(mine.orderId(), LinkPurpose.RETURN);
		var theirReturn = request(theirs, Map.of("sku", RAINCOAT, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF",
				links.issue(theirs.orderId(), LinkPurpose.RETURN))
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();

		request(theirs, Map.of("sku", SNEAKERS, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", myLink)
			.expectStatus().isForbidden();
		web.get().uri("/api/v1/customer/returns/{id}?token={t}", theirReturn, myLink).exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.orderId").doesNotExist();
		request(mine, Map.of("sku", SNEAKERS, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF",
				links.issue(mine.orderId(), LinkPurpose.TRACKING))
			.expectStatus().isForbidden();
		request(mine, Map.of("sku", SNEAKERS, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", myLink + "x")
			.expectStatus().isUnauthorized();
		// no link and no token
		request(mine, Map.of("sku", SNEAKERS, "quantity", 1), "DAMAGED", "REFUND", "DROP_OFF", null)
			.expectStatus().isUnauthorized();
		assertThat(returns.ofOrder(theirs.orderId()).count().block()).isEqualTo(1);
		assertThat(returns.ofOrder(mine.orderId()).count().block()).isZero();
	}

	@Test
	void anErasureRemovesTheCommentsAndPrometheusShowsReturnsWithoutIds() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var returnId = request(order, Map.of("sku", RAINCOAT, "quantity", 1), "ARRIVED_LATE", "STORE_CREDIT",
				"IN_STORE", null, TestTokens.of("returns:write"))
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		receive(returnId, RAINCOAT, 1, "OK").expectStatus().isOk();
		assertThat(event(order, RefundIssued.TYPE).value()).contains("\"outcome\":\"STORE_CREDIT\"");
		assertThat(returns.find(returnId).block().comment()).isEqualTo("free text");

		var erasure = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"customerId\":\"" + order.customerId()
				+ "\",\"occurredAt\":\"" + clock.instant() + "\",\"requestedBy\":\"test\"}";
		topics.send(Topics.CUSTOMER_ERASURE, order.customerId(), erasure,
				Map.of("ce_type", dev.postpurchase.contracts.erasure.CustomerErasureRequested.TYPE, "ce_id",
						java.util.UUID.randomUUID().toString(), "ce_specversion", "1.0"));
		await().atMost(TIMEOUT).until(() -> returns.find(returnId).block().comment() == null);

		var metrics = web.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).contains("returns_requested_total{method=\"in_store\",reason=\"arrived_late\"")
			.containsPattern("returns_refunded_amount_total\\{currency=\"EUR\",outcome=\"store_credit\"")
			.contains("returns_cycle_seconds_bucket{from=\"receipt\"")
			.doesNotContain(order.orderId())
			.doesNotContain(returnId);
	}

	@Test
	void theWholeScrapeFollowsPrometheusNamingConventions() {
		var order = deliveredOrder(clock.instant().minus(Duration.ofDays(2)));
		var returnId = request(order, Map.of("sku", RAINCOAT, "quantity", 1), "ARRIVED_LATE", "STORE_CREDIT",
				"IN_STORE", null, TestTokens.of("returns:write"))
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		receive(returnId, RAINCOAT, 1, "OK").expectStatus().isOk();
		assertThat(event(order, RefundIssued.TYPE).value()).contains("\"outcome\":\"STORE_CREDIT\"");

		var metrics = web.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).contains("returns_requested_total", "returns_refunded_amount_total",
				"returns_cycle_seconds_bucket", "kafka_consumer_", "jvm_");
		ScrapedMetrics.assertFollowsConventions(metrics);
		// our own meters say what they count where they are registered
		for (var own : List.of("returns_", "outbox_", "webhook_", "kafka_dlt_")) {
			assertThat(ScrapedMetrics.only(own, metrics)).as(own).doesNotContain("no description registered");
		}
	}

	@Test
	void badInputGetsA400NamingTheField() {
		var agent = TestTokens.of("returns:write");
		web.post().uri("/api/v1/returns").headers(h -> h.setBearerAuth(agent)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("orderId", "ord_x", "lines", List.of(Map.of("sku", "A", "quantity", 0)), "reason",
					"DAMAGED", "outcome", "EXCHANGE", "method", "MAIL_IN"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class).value(problem -> assertThat(problem).contains("lines[0].quantity",
					"lines[0].exchangeSku"));
		web.post().uri("/api/v1/returns").headers(h -> h.setBearerAuth(agent)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"orderId\": \"ord_x\", \"reason\": \"BORED\"}")
			.exchange()
			.expectStatus().isBadRequest();
	}

	private Order deliveredOrder(Instant deliveredAt) {
		var order = Order.fresh();
		messages.publish(OrderPlaced.class, messages.placed(order));
		messages.publish(ShipmentDelivered.class, messages.delivered(order, deliveredAt));
		await().atMost(TIMEOUT).until(() -> orders.find(order.orderId())
			.map(facts -> facts.deliveredAt() != null)
			.defaultIfEmpty(false)
			.block());
		return order;
	}

	private WebTestClient.ResponseSpec request(Order order, Map<String, Object> line, String reason, String outcome,
			String method, String customerLink) {
		return request(order, line, reason, outcome, method, customerLink, null);
	}

	private WebTestClient.ResponseSpec request(Order order, Map<String, Object> line, String reason, String outcome,
			String method, String customerLink, String bearer) {
		var body = Map.of("orderId", order.orderId(), "lines", List.of(line), "reason", reason, "outcome", outcome,
				"method", method, "comment", "free text");
		var spec = web.post()
			.uri(customerLink == null ? "/api/v1/returns" : "/api/v1/returns?token=" + customerLink);
		if (bearer != null) {
			spec = spec.headers(h -> h.setBearerAuth(bearer));
		}
		return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec receive(String returnId, String sku, int quantity, String condition) {
		return web.post().uri("/api/v1/returns/{id}/receive", returnId)
			.headers(h -> h.setBearerAuth(TestTokens.of("returns:write")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity, "condition", condition))))
			.exchange();
	}

	private static void rule(WebTestClient.ResponseSpec response, String rule) {
		response.expectStatus().isEqualTo(422)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.violations[0].rule").isEqualTo(rule)
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(rule));
	}

	private ConsumerRecord<String, String> event(Order order, String type) {
		return topics.read(Topics.RETURN_EVENTS,
				r -> order.orderId().equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT).get(0);
	}

}
