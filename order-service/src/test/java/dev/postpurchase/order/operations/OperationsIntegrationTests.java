package dev.postpurchase.order.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.ScrapedMetrics;
import tools.jackson.databind.node.ObjectNode;

/** What an operator relies on: probes, metrics, and logs free of personal data. */
@OrderServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void probesAreUp() {
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void metricsCountOrdersDeadLettersAndTheOutboxAndLogsHoldNoPersonalData(CapturedOutput output) {
		var order = TestOrders.order();
		web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isCreated();
		var invalid = (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order());
		((ObjectNode) invalid.get("customer")).put("email", "broken-address");
		topics.send(Topics.ORDERS_INBOUND, "ops-" + System.nanoTime(), invalid.toString(),
				Map.of("ce_type", InboundOrder.TYPE));
		var id = OrderId.of(order.source(), order.externalOrderId()).value();
		topics.read(Topics.ORDER_EVENTS, r -> id.equals(r.key()), 1, TIMEOUT);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(metrics).containsPattern("orders_received_total\\{[^}]*channel=\"WEB\"[^}]*via=\"api\"[^}]*} [1-9]");
			assertThat(metrics).containsPattern("kafka_dlt_records_total\\{[^}]*topic=\"orders.inbound\"[^}]*} [1-9]");
			// every consumed topic has its series from the start, so an alert on increase() sees the first one
			assertThat(metrics).containsPattern("kafka_dlt_records_total\\{[^}]*topic=\"customer.erasure\"[^}]*} 0");
			assertThat(metrics).containsPattern("outbox_backlog\\{[^}]*collection=\"orders\"[^}]*} 0");
			assertThat(metrics).containsPattern("outbox_published_total\\{[^}]*} [1-9]");
		});

		var customer = order.customer();
		assertThat(output.getAll()).contains(id)
			.doesNotContain(customer.email(), customer.phone(), customer.name(), "broken-address",
					order.shippingAddress().line1());
	}

	@Test
	void theWholeScrapeFollowsPrometheusNamingConventions() {
		var order = TestOrders.order();
		web.post().uri("/api/v1/orders").bodyValue(order).exchange().expectStatus().isCreated();
		var id = OrderId.of(order.source(), order.externalOrderId()).value();
		topics.read(Topics.ORDER_EVENTS, r -> id.equals(r.key()), 1, TIMEOUT);
		web.get().uri("/api/v1/orders/{id}", "ord_unknown").exchange().expectStatus().isNotFound();

		var scraped = web.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(scraped).contains("orders_received_total", "outbox_published_total", "http_server_requests_seconds",
				"kafka_consumer_", "jvm_");
		ScrapedMetrics.assertFollowsConventions(scraped);
		// our own meters say what they count where they are registered
		for (var own : List.of("orders_", "outbox_", "shopify_", "webhook_", "kafka_dlt_")) {
			assertThat(ScrapedMetrics.only(own, scraped)).as(own).doesNotContain("no description registered");
		}
	}

}
