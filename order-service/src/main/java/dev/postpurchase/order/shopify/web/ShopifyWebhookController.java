package dev.postpurchase.order.shopify.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.order.shopify.ShopifyDelivery;
import dev.postpurchase.order.shopify.ShopifyWebhooks;
import reactor.core.publisher.Mono;

/**
 * Shopify's webhook endpoint, for the order topics and the mandatory privacy compliance topics
 * alike (one URL can serve all of them). The body is taken as raw bytes: the signature covers
 * exactly those, and nothing is parsed before it is verified. No bearer token: the signature is the
 * authentication (401 when it does not verify, as Shopify's compliance review requires). Every
 * handled delivery gets a 200, since Shopify retries anything else; the answer says what became of it.
 */
@RestController
class ShopifyWebhookController {

	private final ShopifyWebhooks webhooks;

	ShopifyWebhookController(ShopifyWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping("/webhooks/shopify")
	Mono<Receipt> receive(@RequestHeader(name = "X-Shopify-Topic", required = false) String topic,
			@RequestHeader(name = "X-Shopify-Hmac-Sha256", required = false) String signature,
			@RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId,
			@RequestHeader(name = "X-Shopify-Shop-Domain", required = false) String shopDomain,
			@RequestHeader(name = "X-Shopify-Triggered-At", required = false) String triggeredAt,
			@RequestBody(required = false) byte[] body) {
		var delivery = new ShopifyDelivery(topic, webhookId, signature, shopDomain, instant(triggeredAt), body);
		return webhooks.receive(delivery)
			.map(receipt -> new Receipt(receipt.outcome().name().toLowerCase(Locale.ROOT),
					receipt.orderId() == null ? null : receipt.orderId().value()));
	}

	private static Instant instant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * @param outcome applied, nothing_to_do, rejected, parked, duplicate, ignored, erasure_requested
	 * ({@code customers/redact}) or acknowledged ({@code customers/data_request}, {@code shop/redact})
	 * @param orderId our id of the order the webhook is about, when known
	 */
	record Receipt(String outcome, String orderId) {
	}

}
