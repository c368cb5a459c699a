package dev.postpurchase.order.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The main flows, with every log line captured: not one email address or phone number may appear,
 * whatever the input (valid, invalid, poison) and whichever way it came in.
 */
@OrderServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PrivacyIntegrationTests {

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ]{7,16}[0-9]");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void noEmailAddressOrPhoneNumberReachesTheLogs(CapturedOutput output) throws IOException {
		var platform = TestTokens.of("orders:write");
		var agent = TestTokens.of("orders:read", "support");

		// REST: an order, a fulfillment, a contact, the status, a customer link, bad input
		var order = TestOrders.order();
		var id = web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(platform)).bodyValue(order).exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		web.post().uri("/api/v1/orders/{id}/fulfillments", id).headers(h -> h.setBearerAuth(platform))
			.bodyValue(Map.of("carrier", "DHL", "trackingNumber", "JVGL0612345678"))
			.exchange().expectStatus().isCreated();
		web.post().uri("/api/v1/orders/{id}/contacts", id).headers(h -> h.setBearerAuth(agent))
			.bodyValue(Map.of("channel", "EMAIL", "reason", "WISMO", "resolvedOnFirstContact", false))
			.exchange().expectStatus().isCreated();
		web.get().uri("/api/v1/orders/{id}/status", id).headers(h -> h.setBearerAuth(agent)).exchange()
			.expectStatus().isOk();
		var invalid = (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order());
		((ObjectNode) invalid.get("customer")).put("email", "broken@@example.com").put("phone", "+31 6 1234 5678x");
		web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(platform)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(invalid.toString()).exchange().expectStatus().isBadRequest();

		// Shopify: a signed order, a badly signed one
		var shopify = new String(new ClassPathResource("shopify/orders-create.json").getContentAsByteArray(),
				StandardCharsets.UTF_8).replace("5812345678901", String.valueOf(System.nanoTime() % 1_000_000_000_000L));
		var body = shopify.getBytes(StandardCharsets.UTF_8);
		webhook(body, HmacSignatures.signBase64("test-secret", body)).expectStatus().isOk();
		webhook(body, "bm90IGEgc2lnbmF0dXJl").expectStatus().isUnauthorized();

		// Kafka: a poison record full of contact data
		var key = "privacy-" + UUID.randomUUID();
		topics.send(Topics.ORDERS_INBOUND, key, invalid.toString(), Map.of("ce_type", InboundOrder.TYPE));
		topics.read(Topics.deadLetter(Topics.ORDERS_INBOUND), r -> key.equals(r.key()), 1, TIMEOUT);

		// erasure
		web.post().uri("/api/v1/admin/customers/{c}/erasure", order.customer().customerId())
			.headers(h -> h.setBearerAuth(TestTokens.of("admin"))).exchange().expectStatus().isAccepted();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output.getAll()).contains("Erased personal data"));

		assertThat(output.getAll()).contains(id);
		assertThat(EMAIL.matcher(output.getAll()).results().map(m -> m.group()).toList()).as("email addresses in the logs")
			.isEmpty();
		assertThat(PHONE.matcher(output.getAll()).results().map(m -> m.group()).toList()).as("phone numbers in the logs")
			.isEmpty();
	}

	private WebTestClient.ResponseSpec webhook(byte[] body, String signature) {
		return web.post().uri("/webhooks/shopify")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Shopify-Topic", "orders/create")
			.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Hmac-Sha256", signature)
			.bodyValue(body)
			.exchange();
	}

}
