package dev.postpurchase.notification.message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.idempotency.DuplicateWrites;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How many messages each order got per day: one small document per (order, day), counted up
 * atomically only while under the cap, so several instances never let more through. Counters expire
 * (TTL index) two days after their day.
 */
@Component
class DailyCaps implements SmartInitializingSingleton {

	static final String COLLECTION = "daily_counts";

	/** The most takes counted with one command. */
	private static final int COALESCED = 100;

	private final ReactiveMongoTemplate mongo;

	private final Coalescer<Take, Boolean> takes = new Coalescer<>(this::countAll, COALESCED);

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
	 * Takes that come while others are being counted are counted together ({@link #countAll}).
	 */
	Mono<Boolean> take(String orderId, LocalDate day, int cap, String messageId) {
		return takes.submit(new Take(orderId + ":" + day, day, cap, messageId));
	}

	/** One message's take of its order's counter of a day. */
	private record Take(String id, LocalDate day, int cap, String messageId) {

		/** The counter, if under the cap and without this message. */
		Query open() {
			return Query.query(Criteria.where("_id").is(id).and("count").lt(cap).and("messages").ne(messageId));
		}

		Update count() {
			return new Update().inc("count", 1)
				.addToSet("messages", messageId)
				.setOnInsert("expiresAt", Instant.from(day.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC)));
		}

	}

	/**
	 * Counts takes with one bulk write of upserts, in their order: each one that wrote counted its
	 * message (the counter was open, or new). One that collided with a counter that exists (at the cap,
	 * counted by an earlier attempt of the same message, or created a moment ago by another instance)
	 * is then told apart on its own, as a single take always was.
	 */
	private Mono<List<Boolean>> countAll(List<Take> batch) {
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
		batch.forEach(take -> bulk.upsert(take.open(), take.count()));
		return DuplicateWrites.outcomes(bulk.execute(), batch.size())
			.flatMap(counted -> Flux.range(0, batch.size())
				.concatMap(i -> counted.get(i) ? Mono.just(true) : retake(batch.get(i)))
				.collectList());
	}

	/** A take whose upsert collided: counts it on the counter that exists, or tells why it cannot. */
	private Mono<Boolean> retake(Take take) {
		return mongo.updateFirst(take.open(), take.count(), COLLECTION)
			.flatMap(result -> result.getModifiedCount() > 0 ? Mono.just(true)
					// not counted now: at the cap, or counted by an earlier attempt of this very message
					: mongo.exists(Query.query(Criteria.where("_id").is(take.id()).and("messages").is(take.messageId())),
							COLLECTION));
	}

}
