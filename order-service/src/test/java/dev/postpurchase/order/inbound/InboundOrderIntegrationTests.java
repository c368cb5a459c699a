package dev.postpurchase.order.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.node.ObjectNode;

/** Canonical orders from orders.inbound; poison records end in the DLT and do not block the partition. */
@OrderServiceIntegrationTest
class InboundOrderIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
		// one key: all three land on one partition, in this order
		var key = "inbound-" + System.nanoTime();
		var invalid = (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order());
		((ObjectNode) invalid.get("lines").get(0)).put("quantity", -3);
		var valid = TestOrders.order();
		var id = OrderId.of(valid.source(), valid.externalOrderId()).value();

		topics.send(Topics.ORDERS_INBOUND, key, "{ this is not json".getBytes(StandardCharsets.UTF_8), Map.of());
		topics.send(Topics.ORDERS_INBOUND, key, invalid.toString(), Map.of("ce_type", InboundOrder.TYPE));
		topics.send(Topics.ORDERS_INBOUND, key, EventJson.mapper().writeValueAsString(valid), Map.of());

		await().atMost(TIMEOUT).untilAsserted(() -> web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.source").isEqualTo("web-shop"));
		topics.read(Topics.ORDER_EVENTS, r -> id.equals(r.key())
				&& OrderPlaced.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT);

		var dead = topics.read(Topics.deadLetter(Topics.ORDERS_INBOUND), r -> key.equals(r.key()), 2, TIMEOUT);
		assertThat(dead).hasSize(2);
		assertThat(dead.get(0).value()).isEqualTo("{ this is not json");
		assertThat(KafkaTopics.header(dead.get(1), "kafka_dlt-exception-fqcn")).isNotBlank();
		// exception messages and stack traces stay out of dead letters: they may quote personal data
		assertThat(dead).allSatisfy(record -> {
			assertThat(KafkaTopics.header(record, "kafka_dlt-exception-message")).isNull();
			assertThat(KafkaTopics.header(record, "kafka_dlt-exception-stacktrace")).isNull();
		});
	}

	@Test
	void theSameOrderFromKafkaAndRestIsOneOrder() {
		var order = TestOrders.order();
		var id = OrderId.of(order.source(), order.externalOrderId()).value();
		web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isCreated();
		topics.send(Topics.ORDERS_INBOUND, id, EventJson.mapper().writeValueAsString(order),
				Map.of("ce_type", InboundOrder.TYPE));
		// a later record on the same key proves the duplicate was consumed before we count
		var marker = TestOrders.order();
		var markerId = OrderId.of(marker.source(), marker.externalOrderId()).value();
		topics.send(Topics.ORDERS_INBOUND, id, EventJson.mapper().writeValueAsString(marker), Map.of());
		await().atMost(TIMEOUT).untilAsserted(() -> web.get().uri("/api/v1/orders/{id}", markerId).exchange()
			.expectStatus().isOk());
		topics.read(Topics.ORDER_EVENTS, r -> markerId.equals(r.key()), 1, TIMEOUT);

		assertThat(topics.readAll(Topics.ORDER_EVENTS, TIMEOUT).stream().filter(r -> id.equals(r.key())))
			.extracting(r -> KafkaTopics.header(r, "ce_type"))
			.containsExactly(OrderPlaced.TYPE);
	}

}
