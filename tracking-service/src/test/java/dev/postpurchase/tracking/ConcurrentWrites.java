package dev.postpurchase.tracking;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.ReactiveBeforeConvertCallback;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import dev.postpurchase.tracking.shipment.Shipment;
import reactor.core.publisher.Mono;

/**
 * Someone else's write to a shipment between tracking-service reading it and writing it back, when
 * a test asks for one: the next time a shipment with that tracking number is about to be written,
 * its stored version moves on by one first, as the outbox relay's removal of published entries does.
 * Nothing happens unless a test asks, so every integration test can share the context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConcurrentWrites implements ReactiveBeforeConvertCallback<Shipment> {

	private final Set<String> next = ConcurrentHashMap.newKeySet();

	/** Lazily: the template asks for its callbacks, this one among them, when it is made. */
	private final ObjectProvider<ReactiveMongoTemplate> mongo;

	ConcurrentWrites(ObjectProvider<ReactiveMongoTemplate> mongo) {
		this.mongo = mongo;
	}

	/** The next write of the parcel's shipment finds its version moved on. */
	public void beforeNextWriteOf(String trackingNumber) {
		this.next.add(trackingNumber);
	}

	@Override
	public Publisher<Shipment> onBeforeConvert(Shipment shipment, String collection) {
		if (!this.next.remove(shipment.trackingNumber())) {
			return Mono.just(shipment);
		}
		return this.mongo.getObject().updateFirst(Query.query(Criteria.where("_id").is(shipment.key().id())),
				new Update().inc("version", 1), Shipment.class).thenReturn(shipment);
	}

}
