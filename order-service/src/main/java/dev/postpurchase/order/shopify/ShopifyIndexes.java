package dev.postpurchase.order.shopify;

import java.util.Date;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.webhook.SeenDeliveries;
import reactor.core.publisher.Mono;

/**
 * The indexes of the Shopify collections, created before the service takes traffic. (The store of
 * handled delivery ids creates its own.) Also moves the delivery ids remembered before that store
 * existed, in {@code shopify_webhooks}, into it, and drops that collection.
 */
@Component
class ShopifyIndexes implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ShopifyIndexes.class);

	/** Where delivery ids were kept before the service-kit store: {@code _id}, {@code topic}, {@code receivedAt}. */
	static final String LEGACY_DELIVERIES = "shopify_webhooks";

	private final ReactiveMongoTemplate mongo;

	private final ShopifySettings settings;

	private final SeenDeliveries seen;

	ShopifyIndexes(ReactiveMongoTemplate mongo, ShopifySettings settings, SeenDeliveries seen) {
		this.mongo = mongo;
		this.settings = settings;
		this.seen = seen;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var parked = mongo.indexOps(ParkedWebhook.class);
		parked
			.createIndex(new Index().named("order_triggered")
				.on("orderId", Direction.ASC)
				.on("triggeredAt", Direction.ASC)
				.on("parkedAt", Direction.ASC))
			.then(ttl(parked.createIndex(
					new Index().named("parked_ttl").on("parkedAt", Direction.ASC).expire(settings.keepParkedFor()))))
			.then(moveLegacyDeliveries())
			.block();
	}

	/**
	 * Moves the legacy delivery ids, keeping when each was handled, so a redelivery is still
	 * recognized across the upgrade; a failure is logged and the move is tried again on the next start.
	 */
	Mono<Void> moveLegacyDeliveries() {
		return mongo.collectionExists(LEGACY_DELIVERIES)
			.filter(exists -> exists)
			.flatMap(exists -> mongo.findAll(Document.class, LEGACY_DELIVERIES)
				.filter(legacy -> legacy.get("_id") instanceof String && legacy.get("receivedAt") instanceof Date)
				.concatMap(legacy -> seen
					.remember(legacy.getString("_id"), legacy.getString("topic"),
							legacy.getDate("receivedAt").toInstant())
					.thenReturn(1))
				.count()
				.flatMap(moved -> mongo.dropCollection(LEGACY_DELIVERIES).thenReturn(moved)))
			.doOnNext(moved -> log.info("Moved {} remembered Shopify delivery ids from {} to {}", moved,
					LEGACY_DELIVERIES, SeenDeliveries.COLLECTION))
			.onErrorResume(ex -> {
				log.warn("Could not move the remembered Shopify delivery ids from {}; trying again on the next start: {}",
						LEGACY_DELIVERIES, ex.toString());
				return Mono.empty();
			})
			.then();
	}

	/** A changed retention conflicts with the existing TTL index; the sweep's purge still applies it. */
	private static Mono<String> ttl(Mono<String> creation) {
		return creation.onErrorResume(ex -> {
			log.warn("Could not create or update a Shopify TTL index (drop it to apply a changed retention): {}",
					ex.toString());
			return Mono.empty();
		});
	}

}
