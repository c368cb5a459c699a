package dev.postpurchase.order.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;

/** GDPR erasure: the customer's personal data leaves every order document; the facts stay. */
@OrderServiceIntegrationTest
class ErasureIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void anOperatorErasesACustomerAndTheOrdersKeepOnlyNonPersonalFacts() {
		var customer = "cus-erase-" + System.nanoTime();
		var first = place(customer);
		var second = place(customer);
		var bystander = place("cus-keep-" + System.nanoTime());

		web.post().uri("/api/v1/admin/customers/{id}/erasure", customer)
			.headers(h -> h.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.requestId").isNotEmpty();

		var request = topics.read(Topics.CUSTOMER_ERASURE, r -> customer.equals(r.key()), 1, TIMEOUT).get(0);
		assertThat(KafkaTopics.header(request, "ce_type")).isEqualTo(CustomerErasureRequested.TYPE);
		var event = EventJson.mapper().readValue(request.value(), CustomerErasureRequested.class);
		assertThat(event.customerId()).isEqualTo(customer);
		assertThat(event.requestedBy()).isNotBlank();

		for (var id : new String[] { first, second }) {
			await().atMost(TIMEOUT).untilAsserted(() -> {
				var order = mongo.findById(id, Document.class, "orders").block();
				assertThat(order.get("erasedAt")).isNotNull();
				var stored = order.toJson();
				assertThat(stored).doesNotContain("anna@example.com", "+31612345678", "Anna de Vries", "Keizersgracht",
						"1015 CJ");
				assertThat(order.get("customer", Document.class).getString("customerId")).isEqualTo(customer);
				assertThat(order.get("shippingAddress", Document.class)).containsOnlyKeys("country")
					.containsEntry("country", "NL");
				assertThat(order.getList("lines", Document.class)).hasSize(2);
			});
		}
		// the agent still sees the order's facts
		web.get().uri("/api/v1/orders/{id}", first).headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.total.amount").isEqualTo(49.40);
		// the status projection never held personal data
		var status = mongo.findById(first, Document.class, "order_status").block();
		assertThat(status == null ? "" : status.toJson()).doesNotContain("anna@example.com", "+31612345678", "Anna");
		// other customers are untouched
		var kept = mongo.findById(bystander, Document.class, "orders").block();
		assertThat(kept.get("customer", Document.class).getString("email")).isEqualTo("anna@example.com");
		assertThat(kept.get("erasedAt")).isNull();
	}

	@Test
	void erasureNeedsTheAdminScope() {
		web.post().uri("/api/v1/admin/customers/cus-1/erasure")
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read", "support")))
			.exchange()
			.expectStatus().isForbidden();
	}

	private String place(String customer) {
		var order = TestOrders.order("web-shop", "EXT-" + System.nanoTime(), customer);
		return web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(TestTokens.of("orders:write")))
			.bodyValue(order)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
	}

}
