package dev.postpurchase.order.shopify;

import java.time.Clock;
import java.time.Duration;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** The deliveries already handled, to answer a redelivery without doing anything. */
@Component
class SeenWebhooks {

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	SeenWebhooks(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	Mono<Boolean> contains(String webhookId) {
		return mongo.exists(Query.query(Criteria.where("_id").is(webhookId)), SeenWebhook.class);
	}

	/** Records a delivery as handled; a concurrent redelivery recorded first is fine. */
	Mono<Void> remember(String webhookId, ShopifyTopic topic) {
		return mongo.insert(new SeenWebhook(webhookId, topic.value(), clock.instant()))
			.then()
			.onErrorResume(DuplicateKeyException.class, alreadyRecorded -> Mono.empty());
	}

	/**
	 * Forgets deliveries older than the retention. The TTL index does this on MongoDB; this covers
	 * servers without TTL support (mongo-java-server of the local stack).
	 */
	Mono<Long> forgetOlderThan(Duration retention) {
		var query = Query.query(Criteria.where("receivedAt").lt(clock.instant().minus(retention)));
		return mongo.remove(query, SeenWebhook.class).map(result -> result.getDeletedCount());
	}

}
