package dev.postpurchase.notification.message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * How many messages each order got per day: one small document per (order, day), counted up
 * atomically only while under the cap, so several instances never let more through. Counters expire
 * (TTL index) two days after their day.
 */
@Component
class DailyCaps implements SmartInitializingSingleton {

	static final String COLLECTION = "daily_counts";

	private final ReactiveMongoTemplate mongo;

	DailyCaps(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		mongo.indexOps(COLLECTION)
			.createIndex(new Index().named("expiry").on("expiresAt", Direction.ASC).expire(Duration.ZERO))
			.block();
	}

	/**
	 * Takes one of the order's messages of {@code day} for the message {@code messageId}; {@code false}
	 * when the cap was reached (and nothing was counted). A message counts once, however often it is
	 * attempted: one sent again after a crash (before it was recorded as sent) takes no second place.
	 */
	Mono<Boolean> take(String orderId, LocalDate day, int cap, String messageId) {
		var id = orderId + ":" + day;
		var query = Query.query(Criteria.where("_id").is(id).and("count").lt(cap).and("messages").ne(messageId));
		var update = new Update().inc("count", 1)
			.addToSet("messages", messageId)
			.setOnInsert("expiresAt", Instant.from(day.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC)));
		return count(query, update).flatMap(counted -> counted ? Mono.just(true)
				// not counted now: at the cap, or counted by an earlier attempt of this very message
				: mongo.exists(Query.query(Criteria.where("_id").is(id).and("messages").is(messageId)), COLLECTION));
	}

	private Mono<Boolean> count(Query query, Update update) {
		return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
				org.bson.Document.class, COLLECTION)
			.map(counted -> true)
			// the insert collided with a counter that exists: at the cap, or created a moment ago by a
			// concurrent first message of the day; counting on it without an insert tells which
			.onErrorResume(DuplicateKeyException.class, ex -> mongo
				.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), org.bson.Document.class,
						COLLECTION)
				.map(counted -> true))
			.defaultIfEmpty(false);
	}

}
