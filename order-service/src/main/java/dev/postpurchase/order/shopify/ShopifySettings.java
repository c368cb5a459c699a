package dev.postpurchase.order.shopify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shopify webhooks.
 *
 * @param webhookSecret the app's client secret that signs every delivery; without it every webhook
 * is refused with 401
 * @param rememberDeliveriesFor how long a delivery's {@code X-Shopify-Webhook-Id} is remembered to
 * recognize a redelivery (Shopify retries for at most 4 hours)
 * @param keepParkedFor how long a webhook waits for its order before it is dropped
 * @param sweepInterval how often parked webhooks whose order now exists are replayed
 */
@ConfigurationProperties("orders.shopify")
public record ShopifySettings(String webhookSecret, @DefaultValue("7d") Duration rememberDeliveriesFor,
		@DefaultValue("7d") Duration keepParkedFor, @DefaultValue("30s") Duration sweepInterval) {

	boolean hasSecret() {
		return webhookSecret != null && !webhookSecret.isBlank();
	}

}
