package dev.postpurchase.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.JsonNode;

@OrderServiceIntegrationTest
class OrderApiIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void placesAnOrderOnceAndPublishesOrderPlacedWithCloudEventsHeaders() {
		var order = TestOrders.order();
		var id = OrderId.of(order.source(), order.externalOrderId()).value();

		web.post().uri("/api/v1/orders").bodyValue(order).exchange()
			.expectStatus().isCreated()
			.expectHeader().location("/api/v1/orders/" + id)
			.expectBody()
			.jsonPath("$.id").isEqualTo(id)
			.jsonPath("$.status").isEqualTo("PLACED")
			.jsonPath("$.total.amount").isEqualTo(49.40)
			.jsonPath("$.customerId").isEqualTo(order.customer().customerId());
		// sent again: the stored order, not a second one
		web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.id").isEqualTo(id);

		var placed = topics.read(Topics.ORDER_EVENTS, record -> id.equals(record.key()), 1, TIMEOUT);
		var record = placed.get(0);
		assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(OrderPlaced.TYPE);
		assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo("order-service");
		assertThat(KafkaTopics.header(record, "ce_subject")).isEqualTo(id);
		var event = EventJson.mapper().readValue(record.value(), OrderPlaced.class);
		assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(event.eventId().toString());
		assertThat(KafkaTopics.header(record, "ce_time")).isEqualTo(event.occurredAt().toString());
		assertThat(event.orderId()).isEqualTo(id);
		assertThat(event.lines()).hasSize(2);
		assertThat(event.promise()).isEqualTo(order.promise());
		assertThat(event.customer().consents().sms()).isTrue();

		assertThat(eventsOf(id)).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(OrderPlaced.TYPE);
	}

	@Test
	void fulfillsCancelsAndLogsContactsWithTheirEvents() {
		var shipped = place();
		web.post().uri("/api/v1/orders/{id}/fulfillments", shipped)
			.bodyValue(Map.of("carrier", "DHL Express", "trackingNumber", "JD014600003SE", "lines",
					List.of(Map.of("sku", "SKU-TSHIRT-M", "quantity", 2))))
			.exchange()
			.expectStatus().isCreated()
			.expectBody()
			.jsonPath("$.status").isEqualTo("PARTIALLY_SHIPPED")
			.jsonPath("$.fulfillments[0].carrier").isEqualTo("dhl-express");
		// the same parcel reported again changes nothing
		web.post().uri("/api/v1/orders/{id}/fulfillments", shipped)
			.bodyValue(Map.of("carrier", "DHL Express", "trackingNumber", "JD014600003SE"))
			.exchange()
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.fulfillments.length()").isEqualTo(1);
		web.post().uri("/api/v1/orders/{id}/cancel", shipped).exchange()
			.expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		web.post().uri("/api/v1/orders/{id}/contacts", shipped)
			.bodyValue(Map.of("channel", "CHAT", "reason", "WISMO", "resolvedOnFirstContact", true, "agentId", "agent-7"))
			.exchange()
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.contactId").isNotEmpty();

		var cancelled = place();
		web.post().uri("/api/v1/orders/{id}/cancel", cancelled).bodyValue(Map.of("reason", "CUSTOMER")).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		web.post().uri("/api/v1/orders/{id}/fulfillments", cancelled)
			.bodyValue(Map.of("carrier", "ups", "trackingNumber", "1Z999AA10123456784"))
			.exchange()
			.expectStatus().isEqualTo(409);

		topics.read(Topics.ORDER_EVENTS, record -> shipped.equals(record.key()), 3, TIMEOUT);
		var shipment = eventsOf(shipped);
		assertThat(shipment).extracting(r -> KafkaTopics.header(r, "ce_type"))
			.containsExactly(OrderPlaced.TYPE, OrderShipped.TYPE, SupportContactLogged.TYPE);
		var event = EventJson.mapper().readValue(shipment.get(1).value(), OrderShipped.class);
		assertThat(event.carrier()).isEqualTo("dhl-express");
		assertThat(event.trackingNumber()).isEqualTo("JD014600003SE");
		assertThat(event.promise()).isNotNull();

		topics.read(Topics.ORDER_EVENTS, record -> cancelled.equals(record.key()), 2, TIMEOUT);
		var cancellation = eventsOf(cancelled);
		assertThat(cancellation).extracting(r -> KafkaTopics.header(r, "ce_type"))
			.containsExactly(OrderPlaced.TYPE, OrderCancelled.TYPE);
		assertThat(EventJson.mapper().readValue(cancellation.get(1).value(), OrderCancelled.class).reason())
			.isEqualTo(OrderCancelled.CancelReason.CUSTOMER);
	}

	@Test
	void listsACustomersOrdersNewestFirstPageByPage() {
		var customer = "cus-pages-" + System.nanoTime();
		var ids = new java.util.ArrayList<String>();
		for (int i = 0; i < 5; i++) {
			var base = TestOrders.order("web-shop", customer + "-" + i, customer);
			var order = new dev.postpurchase.contracts.inbound.InboundOrder(base.source(), base.externalOrderId(),
					base.salesChannel(), base.customer(), base.lines(), base.shippingAddress(), base.promise(),
					base.placedAt().plusSeconds(60L * i));
			ids.add(web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isCreated()
				.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
		}
		var first = web.get().uri("/api/v1/orders?customerId={c}&limit=2", customer).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(first.get("items")).extracting(item -> item.get("id").asString()).containsExactly(ids.get(4), ids.get(3));
		var second = web.get().uri("/api/v1/orders?customerId={c}&limit=2&cursor={cursor}", customer,
				first.get("nextCursor").asString()).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(second.get("items")).extracting(item -> item.get("id").asString()).containsExactly(ids.get(2), ids.get(1));
		var last = web.get().uri("/api/v1/orders?customerId={c}&limit=2&cursor={cursor}", customer,
				second.get("nextCursor").asString()).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(last.get("items")).extracting(item -> item.get("id").asString()).containsExactly(ids.get(0));
		assertThat(last.has("nextCursor")).as("no cursor after the last page").isFalse();

		web.get().uri("/api/v1/orders?customerId={c}&status=CANCELLED", customer).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
		web.get().uri("/api/v1/orders?customerId={c}&cursor=garbage!", customer).exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void answersUnknownOrdersWith404Problems() {
		web.get().uri("/api/v1/orders/ord_doesnotexist").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").isEqualTo("Order ord_doesnotexist not found");
		web.get().uri("/api/v1/orders/ord_doesnotexist/status").exchange().expectStatus().isNotFound();
		web.post().uri("/api/v1/orders/ord_doesnotexist/cancel").exchange().expectStatus().isNotFound();
	}

	private String place() {
		return web.post().uri("/api/v1/orders").bodyValue(TestOrders.order()).exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
	}

	private List<ConsumerRecord<String, String>> eventsOf(String orderId) {
		return topics.readAll(Topics.ORDER_EVENTS, TIMEOUT).stream().filter(r -> orderId.equals(r.key())).toList();
	}

}
