package dev.postpurchase.order.shopify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The indexes of the Shopify collections, created before the service takes traffic. */
@Component
class ShopifyIndexes implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ShopifyIndexes.class);

	private final ReactiveMongoTemplate mongo;

	private final ShopifySettings settings;

	ShopifyIndexes(ReactiveMongoTemplate mongo, ShopifySettings settings) {
		this.mongo = mongo;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var seen = mongo.indexOps(SeenWebhook.class);
		var parked = mongo.indexOps(ParkedWebhook.class);
		Flux.concat(
				ttl(seen.createIndex(new Index().named("received_ttl")
					.on("receivedAt", Direction.ASC)
					.expire(settings.rememberDeliveriesFor()))),
				parked.createIndex(new Index().named("order_triggered")
					.on("orderId", Direction.ASC)
					.on("triggeredAt", Direction.ASC)
					.on("parkedAt", Direction.ASC)),
				ttl(parked.createIndex(
						new Index().named("parked_ttl").on("parkedAt", Direction.ASC).expire(settings.keepParkedFor()))))
			.blockLast();
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
