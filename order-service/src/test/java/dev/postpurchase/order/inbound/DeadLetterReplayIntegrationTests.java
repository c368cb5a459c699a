package dev.postpurchase.order.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;

/** Operators send dead letters back once the cause is fixed; each is replayed once. */
@OrderServiceIntegrationTest
class DeadLetterReplayIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void aDeadLetteredOrderIsProcessedAfterAReplayAndOnlyOnce() {
		// an order that failed during an outage and sits in the DLT with the error handler's headers
		var order = TestOrders.order();
		var id = OrderId.of(order.source(), order.externalOrderId()).value();
		topics.send(Topics.deadLetter(Topics.ORDERS_INBOUND), id, EventJson.mapper().writeValueAsString(order),
				Map.of("ce_type", InboundOrder.TYPE, "kafka_dlt-exception-fqcn", "java.net.ConnectException"));

		replay().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.deadLetterTopic").isEqualTo("orders.inbound.DLT")
			.jsonPath("$.replayed").value(replayed -> assertThat(((Number) replayed).longValue()).isPositive());
		var placed = topics.read(Topics.ORDER_EVENTS, r -> id.equals(r.key()), 1, TIMEOUT);
		assertThat(KafkaTopics.header(placed.get(0), "ce_type")).isEqualTo(OrderPlaced.TYPE);
		var replayedRecord = topics.read(Topics.ORDERS_INBOUND, r -> id.equals(r.key()), 1, TIMEOUT).get(0);
		assertThat(KafkaTopics.header(replayedRecord, "ce_type")).isEqualTo(InboundOrder.TYPE);
		assertThat(KafkaTopics.header(replayedRecord, "kafka_dlt-exception-fqcn")).isNull();

		// a second replay starts after the first one: the order's record is not sent again
		replay().expectStatus().isOk();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(topics.readAll(Topics.ORDERS_INBOUND, TIMEOUT))
			.filteredOn(r -> id.equals(r.key()))
			.hasSize(1));
	}

	@Test
	void onlyOperatorsReplayAndOnlyCatalogTopics() {
		web.post().uri("/api/v1/admin/dead-letters/orders.inbound/replay")
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:write", "orders:read", "support")))
			.exchange()
			.expectStatus().isForbidden();
		web.post().uri("/api/v1/admin/dead-letters/__consumer_offsets/replay")
			.headers(h -> h.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus().isNotFound();
	}

	private WebTestClient.ResponseSpec replay() {
		return web.mutate().responseTimeout(TIMEOUT).build()
			.post().uri("/api/v1/admin/dead-letters/orders.inbound/replay")
			.headers(h -> h.setBearerAuth(TestTokens.of("admin")))
			.exchange();
	}

}
