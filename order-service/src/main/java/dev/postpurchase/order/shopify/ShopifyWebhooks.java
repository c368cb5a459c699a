package dev.postpurchase.order.shopify;

import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.postpurchase.kit.webhook.SeenDeliveries;
import dev.postpurchase.kit.webhook.WebhookVerifier;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.shopify.ShopifyWebhookHandler.Handled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Receives Shopify webhook deliveries: verifies the signature over the raw body before reading
 * anything from it (under the current or, during a rotation, the previous secret; a refusal counts
 * {@code webhook.signature.failures{source=shopify}}), answers a redelivery (same
 * {@code X-Shopify-Webhook-Id}) without doing anything, hands the rest to the handler, parks
 * webhooks whose order does not exist yet, and records the delivery only once it was handled, so a
 * failure half-way is retried by Shopify. Shopify signs neither the webhook id nor the topic nor
 * {@code X-Shopify-Triggered-At}: a signed body sent again under a new id is handled again, which
 * every handling absorbs, as it is idempotent. Payloads are personal data: they are never logged.
 */
@Service
public class ShopifyWebhooks {

	private static final Logger log = LoggerFactory.getLogger(ShopifyWebhooks.class);

	private static final Pattern PRINTABLE_TOPIC = Pattern.compile("[a-z_/]{1,64}");

	private final ShopifyWebhookHandler handler;

	private final ShopifyParking parking;

	private final SeenDeliveries seen;

	private final WebhookVerifier signatures;

	private final MeterRegistry meters;

	ShopifyWebhooks(ShopifyWebhookHandler handler, ShopifyParking parking, SeenDeliveries seen,
			WebhookVerifier signatures, MeterRegistry meters) {
		this.handler = handler;
		this.parking = parking;
		this.seen = seen;
		this.signatures = signatures;
		this.meters = meters;
		if (!signatures.hasSecret()) {
			log.warn("orders.shopify.webhook-secret is not set: every Shopify webhook will be refused with 401");
		}
	}

	/**
	 * Handles one delivery; fails with a 401 problem when the signature does not verify and with a
	 * 400 problem when the payload is not Shopify's documented shape.
	 */
	public Mono<Receipt> receive(ShopifyDelivery delivery) {
		var body = delivery.body() == null ? new byte[0] : delivery.body();
		return Mono.fromRunnable(() -> signatures.verify(body, delivery.signature()))
			.then(Mono.defer(() -> verified(delivery, body)));
	}

	private Mono<Receipt> verified(ShopifyDelivery delivery, byte[] body) {
		var known = ShopifyTopic.of(delivery.topic());
		Counter.builder("shopify.webhooks.received")
			.description("Shopify webhooks received with a valid signature, by topic (other: topics not handled)")
			.tag("topic", known.map(ShopifyTopic::value).orElse(ShopifyTopic.OTHER))
			.register(meters)
			.increment();
		if (known.isEmpty()) {
			log.debug("Ignoring Shopify topic {}", printable(delivery.topic()));
			return Mono.just(new Receipt(WebhookOutcome.IGNORED, null));
		}
		var topic = known.get();
		var webhookId = delivery.webhookId() == null || delivery.webhookId().isBlank() ? null
				: delivery.webhookId().trim();
		if (webhookId == null) {
			return handle(topic, null, delivery, body);
		}
		return seen.contains(webhookId).flatMap(handled -> {
			if (handled) {
				log.debug("Shopify {} {} was handled before", topic, webhookId);
				Counter.builder("shopify.webhooks.duplicates")
					.description("Shopify webhooks delivered again after being handled (ignored), by topic")
					.tag("topic", topic.value())
					.register(meters)
					.increment();
				return Mono.just(new Receipt(WebhookOutcome.DUPLICATE, null));
			}
			return handle(topic, webhookId, delivery, body)
				.flatMap(receipt -> seen.remember(webhookId, topic.value()).thenReturn(receipt));
		});
	}

	private Mono<Receipt> handle(ShopifyTopic topic, String webhookId, ShopifyDelivery delivery, byte[] body) {
		return handler.handle(topic, body).flatMap(handled -> (switch (handled.outcome()) {
			case ORDER_UNKNOWN -> parking.park(handled.orderId(), topic, webhookId, delivery.triggeredAt(), body)
				.thenReturn(WebhookOutcome.PARKED);
			case APPLIED -> replayParked(topic, handled).thenReturn(WebhookOutcome.APPLIED);
			case NOTHING_TO_DO -> Mono.just(WebhookOutcome.NOTHING_TO_DO);
			case REJECTED -> Mono.just(WebhookOutcome.REJECTED);
			case ERASURE_REQUESTED -> Mono.just(WebhookOutcome.ERASURE_REQUESTED);
			case ACKNOWLEDGED -> Mono.just(WebhookOutcome.ACKNOWLEDGED);
		}).map(outcome -> new Receipt(outcome, handled.orderId())))
			.doOnNext(receipt -> log.debug("Shopify {} {}: {}", topic, webhookId, receipt.outcome()));
	}

	/** What became of a delivery, and the order it is about when the payload named one. */
	public record Receipt(WebhookOutcome outcome, OrderId orderId) {
	}

	/**
	 * An order webhook may just have placed the order that parked webhooks wait for. Their replay
	 * failing does not fail this delivery: the sweep replays them later.
	 */
	private Mono<Long> replayParked(ShopifyTopic topic, Handled handled) {
		if (!topic.carriesOrder()) {
			return Mono.just(0L);
		}
		return parking.replay(handled.orderId()).onErrorResume(ex -> {
			log.warn("Replay of parked Shopify webhooks for order {} failed, the sweep retries: {}",
					handled.orderId(), ex.toString());
			return Mono.just(0L);
		});
	}

	private static String printable(String topic) {
		return topic != null && PRINTABLE_TOPIC.matcher(topic).matches() ? topic : "(unprintable)";
	}

}
