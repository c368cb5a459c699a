package dev.postpurchase.order.shopify;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shopify webhooks.
 *
 * @param webhookSecret the app's client secret that signs every delivery; without it every webhook
 * is refused with 401
 * @param previousWebhookSecret the secret being rotated out, accepted as well while set: when the
 * app's client secret is rotated, set the new one as {@code webhook-secret} and the old one here,
 * then remove this once Shopify signs with the new one
 * @param rememberDeliveriesFor how long a delivery's {@code X-Shopify-Webhook-Id} is remembered to
 * recognize a redelivery (Shopify retries for at most 4 hours)
 * @param keepParkedFor how long a webhook waits for its order before it is dropped
 * @param sweepInterval how often parked webhooks whose order now exists are replayed, and expired
 * delivery ids forgotten
 */
@ConfigurationProperties("orders.shopify")
public record ShopifySettings(String webhookSecret, String previousWebhookSecret,
		@DefaultValue("7d") Duration rememberDeliveriesFor, @DefaultValue("7d") Duration keepParkedFor,
		@DefaultValue("30s") Duration sweepInterval) {

	/** The secrets a delivery may be signed with, current first; blank ones are left out. */
	List<String> webhookSecrets() {
		return Stream.of(webhookSecret, previousWebhookSecret).filter(secret -> secret != null && !secret.isBlank())
			.toList();
	}

	@Override
	public String toString() {
		// never the secrets
		return "ShopifySettings[webhookSecret=" + (webhookSecret == null || webhookSecret.isBlank() ? "unset" : "***")
				+ ", previousWebhookSecret="
				+ (previousWebhookSecret == null || previousWebhookSecret.isBlank() ? "unset" : "***")
				+ ", rememberDeliveriesFor=" + rememberDeliveriesFor + ", keepParkedFor=" + keepParkedFor
				+ ", sweepInterval=" + sweepInterval + "]";
	}

}
