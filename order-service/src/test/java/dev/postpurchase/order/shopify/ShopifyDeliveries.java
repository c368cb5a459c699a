package dev.postpurchase.order.shopify;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.kit.webhook.HmacSignatures;
import tools.jackson.databind.node.ObjectNode;

/** Sends webhooks to order-service the way Shopify does: raw JSON body, {@code X-Shopify-*} headers. */
final class ShopifyDeliveries {

	/** The secret the integration tests configure ({@code orders.shopify.webhook-secret}). */
	static final String SECRET = "test-secret";

	/**
	 * The secret being rotated out that the integration tests configure
	 * ({@code orders.shopify.previous-webhook-secret}).
	 */
	static final String PREVIOUS_SECRET = "test-previous-secret";

	private final WebTestClient web;

	ShopifyDeliveries(WebTestClient web) {
		this.web = web;
	}

	/** A new delivery, correctly signed. */
	WebTestClient.ResponseSpec send(String topic, ObjectNode payload) {
		return send(topic, newWebhookId(), payload);
	}

	/** A delivery with a given webhook id (the same on Shopify's retries), correctly signed. */
	WebTestClient.ResponseSpec send(String topic, String webhookId, ObjectNode payload) {
		var body = ShopifyPayloads.bytes(payload);
		return send(topic, webhookId, body, HmacSignatures.signBase64(SECRET, body));
	}

	/** A delivery signed with another secret. */
	WebTestClient.ResponseSpec sendSignedWith(String secret, String topic, String webhookId, ObjectNode payload) {
		var body = ShopifyPayloads.bytes(payload);
		return send(topic, webhookId, body, HmacSignatures.signBase64(secret, body));
	}

	/** A delivery with any signature (or none, when null). */
	WebTestClient.ResponseSpec send(String topic, String webhookId, byte[] body, String signature) {
		return web.post()
			.uri("/webhooks/shopify")
			.contentType(MediaType.APPLICATION_JSON)
			.headers(headers -> {
				headers.set("X-Shopify-Topic", topic);
				headers.set("X-Shopify-Webhook-Id", webhookId);
				headers.set("X-Shopify-Event-Id", UUID.randomUUID().toString());
				headers.set("X-Shopify-Shop-Domain", "example-store.myshopify.com");
				headers.set("X-Shopify-API-Version", "2026-04");
				headers.set("X-Shopify-Triggered-At", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
				if (signature != null) {
					headers.set("X-Shopify-Hmac-Sha256", signature);
				}
			})
			.bodyValue(body)
			.exchange();
	}

	static String newWebhookId() {
		return UUID.randomUUID().toString();
	}

}
