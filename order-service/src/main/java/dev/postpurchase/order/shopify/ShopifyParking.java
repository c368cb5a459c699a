package dev.postpurchase.order.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.order.orders.OrderAccepted;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.orders.OrderManagement;
import dev.postpurchase.order.shopify.ShopifyWebhookHandler.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhooks that arrive before their order ({@code orders/cancelled}, {@code fulfillments/*}) wait
 * here, with their exact payload, and are replayed through the same handler once the order exists:
 * right after it is placed ({@link #replay(OrderId)}), and by a periodic sweep, so a crash between
 * placing and replaying loses nothing. A parked webhook is removed only after its replay was handled.
 */
@Component
public class ShopifyParking {

	private static final Logger log = LoggerFactory.getLogger(ShopifyParking.class);

	private final ReactiveMongoTemplate mongo;

	private final ShopifyWebhookHandler handler;

	private final OrderManagement orders;

	private final ShopifySettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	ShopifyParking(ReactiveMongoTemplate mongo, ShopifyWebhookHandler handler, OrderManagement orders,
			ShopifySettings settings, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.handler = handler;
		this.orders = orders;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Replays the webhooks parked for an order, oldest trigger first, if the order exists. Call it
	 * after placing an order by any way in; it costs one indexed query when nothing is parked.
	 *
	 * @return how many parked webhooks were handled and removed
	 */
	public Mono<Long> replay(OrderId orderId) {
		var parked = Query.query(Criteria.where("orderId").is(orderId.value()))
			.with(Sort.by(Sort.Order.asc("triggeredAt"), Sort.Order.asc("parkedAt")));
		return mongo.find(parked, ParkedWebhook.class)
			.collectList()
			.flatMap(found -> found.isEmpty() ? Mono.just(0L)
					: orders.find(orderId)
						.hasElement()
						.flatMap(exists -> exists
								? Flux.fromIterable(found).concatMap(this::replay).filter(removed -> removed).count()
								: Mono.just(0L)));
	}

	/** Replays what waited for a Shopify order as soon as it is stored, whichever way it came in. */
	@EventListener
	void on(OrderAccepted accepted) {
		if (!ShopifyOrderMapping.SOURCE.equalsIgnoreCase(accepted.source())) {
			return;
		}
		replay(accepted.orderId()).subscribe(replayed -> {
			if (replayed > 0) {
				log.info("Replayed {} parked webhooks for order {}", replayed, accepted.orderId());
			}
		}, failure -> log.warn("Replaying parked webhooks for order {} failed, the sweep will retry: {}",
				accepted.orderId(), failure.toString()));
	}

	/** Keeps a webhook for an order that is not known yet; parking the same delivery twice keeps one. */
	Mono<Void> park(OrderId orderId, ShopifyTopic topic, String webhookId, Instant triggeredAt, byte[] body) {
		var id = webhookId != null && !webhookId.isBlank() ? webhookId : "unidentified-" + UUID.randomUUID();
		var parked = new ParkedWebhook(id, orderId.value(), topic.value(), new String(body, StandardCharsets.UTF_8),
				triggeredAt, clock.instant());
		return mongo.save(parked).doOnSuccess(saved -> {
			Counter.builder("shopify.webhooks.parked")
				.description("Shopify webhooks parked because their order is not known yet, by topic")
				.tag("topic", topic.value())
				.register(meters)
				.increment();
			log.info("Shopify {} {} parked until order {} exists", topic, id, orderId);
		})
			// the order may have been placed between the handler's look-up and this write
			.then(replay(orderId).onErrorResume(ex -> {
				log.warn("Replay of parked Shopify webhooks for order {} failed, the sweep retries: {}", orderId,
						ex.toString());
				return Mono.just(0L);
			}))
			.then();
	}

	/**
	 * One pass of the sweep: drops webhooks parked longer than the retention (their order never
	 * came), then replays those whose order now exists.
	 */
	Mono<Long> sweep() {
		var expired = Query.query(Criteria.where("parkedAt").lt(clock.instant().minus(settings.keepParkedFor())));
		var dropExpired = mongo.findAllAndRemove(expired, ParkedWebhook.class).doOnNext(dropped -> {
			Counter.builder("shopify.webhooks.parked.expired")
				.description("Parked Shopify webhooks dropped because their order never arrived, by topic")
				.tag("topic", dropped.topic())
				.register(meters)
				.increment();
			log.warn("Dropped Shopify {} {} parked since {}: order {} never arrived", dropped.topic(), dropped.id(),
					dropped.parkedAt(), dropped.orderId());
		}).then();
		return dropExpired.thenMany(mongo.findDistinct(new Query(), "orderId", ParkedWebhook.class, String.class))
			.concatMap(orderId -> replay(new OrderId(orderId)))
			.reduce(0L, Long::sum);
	}

	private Mono<Boolean> replay(ParkedWebhook parked) {
		var topic = ShopifyTopic.of(parked.topic()).orElse(null);
		if (topic == null) {
			return remove(parked);
		}
		return handler.handle(topic, parked.payload().getBytes(StandardCharsets.UTF_8)).flatMap(handled -> {
			if (handled.outcome() == Outcome.ORDER_UNKNOWN) {
				return Mono.just(false);
			}
			Counter.builder("shopify.webhooks.replayed")
				.description("Parked Shopify webhooks applied once their order arrived, by topic")
				.tag("topic", topic.value())
				.register(meters)
				.increment();
			log.info("Replayed parked Shopify {} {} for order {}: {}", topic, parked.id(), parked.orderId(),
					handled.outcome());
			return remove(parked);
		}).onErrorResume(InvalidShopifyPayloadException.class, invalid -> {
			log.warn("Dropped parked Shopify {} {} for order {}: {}", topic, parked.id(), parked.orderId(),
					invalid.getMessage());
			return remove(parked);
		}).onErrorResume(ex -> {
			log.warn("Replay of parked Shopify {} {} for order {} failed, will retry: {}", topic, parked.id(),
					parked.orderId(), ex.toString());
			return Mono.just(false);
		});
	}

	private Mono<Boolean> remove(ParkedWebhook parked) {
		return mongo.remove(Query.query(Criteria.where("_id").is(parked.id())), ParkedWebhook.class)
			.map(result -> result.getDeletedCount() > 0);
	}

}
