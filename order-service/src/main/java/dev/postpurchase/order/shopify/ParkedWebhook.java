package dev.postpurchase.order.shopify;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A verified webhook about an order that does not exist yet, kept with its exact payload until the
 * order does.
 *
 * @param id the webhook id, so a redelivery parks nothing twice (a random id when Shopify sent none)
 * @param triggeredAt Shopify's {@code X-Shopify-Triggered-At}: parked webhooks replay in that order
 */
@Document(ParkedWebhook.COLLECTION)
record ParkedWebhook(@Id String id, String orderId, String topic, String payload, Instant triggeredAt,
		Instant parkedAt) {

	static final String COLLECTION = "shopify_parked";

}
