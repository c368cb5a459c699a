package dev.postpurchase.tracking.exception;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import dev.postpurchase.tracking.shipment.Shipment;
import reactor.core.publisher.Flux;

/**
 * The indexes the exception checker and APIs rely on, created before the service takes traffic. The
 * {@code nextCheckAt} index is sparse: delivered shipments have none and cost the checker nothing.
 */
@Component
class ExceptionIndexes implements SmartInitializingSingleton {

	private final ReactiveMongoTemplate mongo;

	ExceptionIndexes(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var shipments = mongo.indexOps(Shipment.class);
		Flux.concat(shipments.createIndex(new Index().named("next_check").on("nextCheckAt", Direction.ASC).sparse()),
				shipments.createIndex(new Index().named("exception_id").on("exceptions.exceptionId", Direction.ASC)
					.sparse()),
				shipments.createIndex(new Index().named("exception_kind_raised")
					.on("exceptions.kind", Direction.ASC)
					.on("exceptions.raisedAt", Direction.DESC)
					.sparse()))
			.blockLast();
	}

}
