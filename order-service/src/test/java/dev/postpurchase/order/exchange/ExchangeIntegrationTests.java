package dev.postpurchase.order.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * An exchange returns-service asks for on return.events becomes one replacement order, published as
 * OrderPlaced like any order; an exchange that cannot be served ends in return.events.DLT.
 */
@OrderServiceIntegrationTest
class ExchangeIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Payment STRIPE = new Payment("stripe", "pi_3PqK8L2eZvKYlo2C0x7Dc1aB");

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	@Autowired
	ReactiveMongoTemplate mongo;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void anExchangeBecomesOneLinkedReplacementOrder() {
		var original = TestOrders.paidWith(TestOrders.order(), STRIPE);
		var originalId = place(original);
		var returnId = "ret_" + UUID.randomUUID();

		publishExchange(originalId, returnId, original.customer().customerId(), "SKU-TSHIRT-M", "SKU-TSHIRT-L", 1);

		var replacementId = OrderId.of("exchange", returnId).value();
		var placed = placed(replacementId);
		assertThat(placed.replacementFor()).isEqualTo(new ReplacementOf(originalId, returnId));
		assertThat(placed.source()).isEqualTo("exchange");
		assertThat(placed.externalOrderId()).isEqualTo(returnId);
		assertThat(placed.customer()).isEqualTo(original.customer());
		assertThat(placed.shippingAddress()).isEqualTo(original.shippingAddress());
		assertThat(placed.salesChannel()).isEqualTo(original.salesChannel());
		assertThat(placed.payment()).isEqualTo(STRIPE);
		assertThat(placed.lines()).singleElement().satisfies(line -> {
			assertThat(line.sku()).isEqualTo("SKU-TSHIRT-L");
			assertThat(line.quantity()).isEqualTo(1);
			assertThat(line.name()).isEqualTo("T-shirt, M");
			assertThat(line.unitPrice().amount()).isEqualByComparingTo(BigDecimal.ZERO);
			assertThat(line.unitPrice().currency()).isEqualTo("EUR");
		});
		assertThat(placed.total().amount()).isEqualByComparingTo(BigDecimal.ZERO);
		// no promise came with it: placement + the default days, end of day in the customer's zone
		assertThat(placed.promise().by()).isAfter(placed.placedAt());
		assertThat(placed.promise().timeZone()).isEqualTo(original.customer().timeZone());

		web.get().uri("/api/v1/orders/{id}/status", replacementId).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("PLACED")
			.jsonPath("$.customerId").isEqualTo(original.customer().customerId())
			.jsonPath("$.replacementFor.orderId").isEqualTo(originalId)
			.jsonPath("$.replacementFor.returnId").isEqualTo(returnId);
		web.get().uri("/api/v1/orders?customerId={customer}", original.customer().customerId()).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.items.length()").isEqualTo(2);
	}

	@Test
	void theSameExchangeTwiceAndASecondRequestForTheSameReturnMakeOneReplacementOrder() {
		var original = TestOrders.order();
		var originalId = place(original);
		var customer = original.customer().customerId();
		var returnId = "ret_" + UUID.randomUUID();

		var first = publishExchange(originalId, returnId, customer, "SKU-TSHIRT-M", "SKU-TSHIRT-L", 1);
		send(originalId, first);
		publishExchange(originalId, returnId, customer, "SKU-TSHIRT-M", "SKU-TSHIRT-S", 2);
		// a later exchange on the same key proves the duplicates were consumed before we count
		var markerReturn = "ret_" + UUID.randomUUID();
		publishExchange(originalId, markerReturn, customer, "SKU-MUG", "SKU-MUG-BLUE", 1);
		placed(OrderId.of("exchange", markerReturn).value());

		var replacementId = OrderId.of("exchange", returnId).value();
		var events = topics.readAll(Topics.ORDER_EVENTS, TIMEOUT).stream().filter(r -> replacementId.equals(r.key()))
			.toList();
		assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(OrderPlaced.TYPE);
		assertThat(EventJson.mapper().readValue(events.get(0).value(), OrderPlaced.class).lines())
			.singleElement().satisfies(line -> assertThat(line.sku()).isEqualTo("SKU-TSHIRT-L"));
	}

	@Test
	void anExchangeForAnUnknownOrderGoesToTheDeadLetterTopic() {
		var unknownOrder = "ord_unknown" + System.nanoTime();
		var returnId = "ret_" + UUID.randomUUID();

		publishExchange(unknownOrder, returnId, "cus-" + UUID.randomUUID(), "SKU-TSHIRT-M", "SKU-TSHIRT-L", 1);

		var dead = topics.read(Topics.deadLetter(Topics.RETURN_EVENTS), r -> unknownOrder.equals(r.key()), 1, TIMEOUT);
		assertThat(KafkaTopics.header(dead.get(0), "ce_type")).isEqualTo(ExchangeRequested.TYPE);
		assertThat(KafkaTopics.header(dead.get(0), "kafka_dlt-exception-cause-fqcn"))
			.isEqualTo("dev.postpurchase.kit.kafka.PoisonMessageException");
		assertThat(topics.readAll(Topics.ORDER_EVENTS, TIMEOUT))
			.noneMatch(r -> OrderId.of("exchange", returnId).value().equals(r.key()));
	}

	@Test
	void anExchangeForAnErasedCustomersOrderGoesToTheDeadLetterTopic() {
		var original = TestOrders.order("web-shop", "EXT-" + UUID.randomUUID(), "cus-erased-" + UUID.randomUUID());
		var originalId = place(original);
		web.post().uri("/api/v1/admin/customers/{id}/erasure", original.customer().customerId())
			.headers(h -> h.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus().isAccepted();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
				mongo.findById(originalId, Document.class, "orders").block().get("erasedAt")).isNotNull());
		var returnId = "ret_" + UUID.randomUUID();

		publishExchange(originalId, returnId, original.customer().customerId(), "SKU-TSHIRT-M", "SKU-TSHIRT-L", 1);

		var dead = topics.read(Topics.deadLetter(Topics.RETURN_EVENTS), r -> originalId.equals(r.key()), 1, TIMEOUT);
		assertThat(EventJson.mapper().readValue(dead.get(0).value(), ExchangeRequested.class).returnId())
			.isEqualTo(returnId);
		assertThat(topics.readAll(Topics.ORDER_EVENTS, TIMEOUT))
			.noneMatch(r -> OrderId.of("exchange", returnId).value().equals(r.key()));
	}

	@Test
	void platformsCannotUseTheExchangeSource() {
		var order = TestOrders.order("exchange", "ret_" + UUID.randomUUID(), "cus-" + UUID.randomUUID());
		web.post().uri("/api/v1/orders").bodyValue(order).exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors").value(errors -> assertThat(errors.toString()).contains("source: exchange is reserved"));
	}

	private String place(InboundOrder order) {
		web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isCreated();
		return OrderId.of(order.source(), order.externalOrderId()).value();
	}

	/** Publishes returns-service's ExchangeRequested (the golden sample, with these ids); returns its JSON. */
	private String publishExchange(String orderId, String returnId, String customerId, String sku, String newSku,
			int quantity) {
		var json = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(ExchangeRequested.class));
		json.put("eventId", UUID.randomUUID().toString());
		json.put("orderId", orderId);
		json.put("returnId", returnId);
		json.put("customerId", customerId);
		var line = (ObjectNode) json.get("lines").get(0);
		line.put("sku", sku);
		line.put("newSku", newSku);
		line.put("quantity", quantity);
		send(orderId, json.toString());
		return json.toString();
	}

	private void send(String orderId, String json) {
		var eventId = EventJson.mapper().readTree(json).get("eventId").asString();
		topics.send(Topics.RETURN_EVENTS, orderId, json, Map.of("ce_type", ExchangeRequested.TYPE, "ce_id", eventId,
				"ce_specversion", "1.0", "ce_source", "returns-service", "ce_subject", orderId));
	}

	private OrderPlaced placed(String orderId) {
		var record = topics.read(Topics.ORDER_EVENTS,
				r -> orderId.equals(r.key()) && OrderPlaced.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT)
			.get(0);
		return EventJson.mapper().readValue(record.value(), OrderPlaced.class);
	}

}
