package dev.postpurchase.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;

/** An event written while the relay is down is published once the relay runs again. */
@OrderServiceIntegrationTest
class OutboxIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	@Autowired
	OutboxRelay relay;

	@Autowired
	Orders orders;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void eventsWaitInTheOrderUntilTheRelayRunsAndArePublishedOnce() {
		var order = TestOrders.order();
		var id = OrderId.of(order.source(), order.externalOrderId());
		relay.stop();
		try {
			web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isCreated();
			var stored = orders.findById(id.value()).block();
			assertThat(stored.outbox()).singleElement().satisfies(entry -> {
				assertThat(entry.topic()).isEqualTo(Topics.ORDER_EVENTS);
				assertThat(entry.key()).isEqualTo(id.value());
			});
			assertThat(topics.readAll(Topics.ORDER_EVENTS, TIMEOUT)).noneMatch(r -> id.value().equals(r.key()));
		}
		finally {
			relay.start();
		}
		topics.read(Topics.ORDER_EVENTS, r -> id.value().equals(r.key()), 1, TIMEOUT);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(orders.findById(id.value()).block().outbox()).isEmpty());
		assertThat(topics.readAll(Topics.ORDER_EVENTS, TIMEOUT)).filteredOn(r -> id.value().equals(r.key())).hasSize(1);
	}

}
