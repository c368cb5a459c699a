package dev.postpurchase.metrics.kpi;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How every KPI section keeps its facts: one document per entity, changed by one upsert per event
 * (which, written with {@code $min} and {@code $setOnInsert}, gives the same document whatever order
 * the events come in), and ascending indexes on the times the range queries use.
 */
@Component
public class FactStore {

	private static final Logger log = LoggerFactory.getLogger(FactStore.class);

	private final ReactiveMongoTemplate mongo;

	FactStore(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Applies an event's update to the entity's fact, creating it when it is the first. */
	public Mono<Void> upsert(String collection, String id, Update update) {
		var byId = Query.query(Criteria.where("_id").is(id));
		return mongo.upsert(byId, update, collection).then().onErrorResume(DuplicateKeyException.class, collided -> {
			// another write created the document between our lookup and our insert: the update applies now
			log.debug("{} {} exists; updating it", collection, id);
			return mongo.updateFirst(byId, update, collection).then();
		});
	}

	/** Creates ascending indexes on time fields of a collection; an existing index changes nothing. */
	public void indexTimes(String collection, String... fields) {
		Flux.fromArray(fields)
			.concatMap(field -> mongo.indexOps(collection).createIndex(new Index().on(field, Sort.Direction.ASC)))
			.then()
			.block(Duration.ofSeconds(30));
	}

}
