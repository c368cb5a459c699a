package dev.postpurchase.order.shopify;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A delivery handled successfully, by its {@code X-Shopify-Webhook-Id}; expires after a while. */
@Document(SeenWebhook.COLLECTION)
record SeenWebhook(@Id String webhookId, String topic, Instant receivedAt) {

	static final String COLLECTION = "shopify_webhooks";

}
