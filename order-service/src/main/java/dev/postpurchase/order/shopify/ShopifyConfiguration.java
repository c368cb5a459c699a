package dev.postpurchase.order.shopify;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import dev.postpurchase.kit.webhook.SeenDeliveries;
import dev.postpurchase.kit.webhook.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service-kit webhook pieces, set up for Shopify: its signature ({@code X-Shopify-Hmac-Sha256},
 * base64 over the raw body, under the current or the previous secret) and the store of handled
 * {@code X-Shopify-Webhook-Id}s.
 */
@Configuration(proxyBeanMethods = false)
class ShopifyConfiguration {

	static final String SOURCE = "shopify";

	static final String SIGNATURE_HEADER = "X-Shopify-Hmac-Sha256";

	@Bean
	WebhookVerifier shopifySignatures(ShopifySettings settings, MeterRegistry meters, Clock clock) {
		return verifier(settings, meters, clock);
	}

	@Bean
	SeenDeliveries shopifyDeliveries(ReactiveMongoTemplate mongo, Clock clock, ShopifySettings settings) {
		return new SeenDeliveries(mongo, clock, SOURCE, settings.rememberDeliveriesFor(), settings.sweepInterval());
	}

	/** Shopify's verifier; the secrets are read from the settings on every delivery. */
	static WebhookVerifier verifier(ShopifySettings settings, MeterRegistry meters, Clock clock) {
		return new WebhookVerifier(SOURCE, SIGNATURE_HEADER, WebhookVerifier.Encoding.BASE64, settings::webhookSecrets,
				meters, clock);
	}

}
