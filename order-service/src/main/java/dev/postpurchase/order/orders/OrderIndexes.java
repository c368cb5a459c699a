package dev.postpurchase.order.orders;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;

/** Creates the indexes every order query relies on, before the service takes traffic. */
@Component
class OrderIndexes implements SmartInitializingSingleton {

	private final ReactiveMongoTemplate mongo;

	OrderIndexes(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var orders = mongo.indexOps(Order.class);
		Flux.concat(
				orders.createIndex(new Index().named("customer_placed")
					.on("customer.customerId", Direction.ASC)
					.on("placedAt", Direction.DESC)
					.on("_id", Direction.DESC)),
				orders.createIndex(new Index().named("status_placed")
					.on("status", Direction.ASC)
					.on("placedAt", Direction.DESC)
					.on("_id", Direction.DESC)))
			.blockLast();
	}

}
