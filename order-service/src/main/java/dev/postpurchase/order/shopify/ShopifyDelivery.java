package dev.postpurchase.order.shopify;

import java.time.Instant;

/**
 * One webhook delivery as Shopify sent it: the {@code X-Shopify-*} headers and the raw body, whose
 * bytes the signature covers.
 *
 * @param topic {@code X-Shopify-Topic}
 * @param webhookId {@code X-Shopify-Webhook-Id}, the same on every retry of the delivery
 * @param signature {@code X-Shopify-Hmac-Sha256}, base64
 * @param shopDomain {@code X-Shopify-Shop-Domain}
 * @param triggeredAt {@code X-Shopify-Triggered-At}, null when absent or unreadable
 */
public record ShopifyDelivery(String topic, String webhookId, String signature, String shopDomain,
		Instant triggeredAt, byte[] body) {

}
