package dev.postpurchase.order.erasure;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import reactor.core.publisher.Mono;

/**
 * Removes a customer's personal data from order-service's documents and keeps the facts the KPIs
 * need: the pseudonymous customer id, locale, time zone, consents, lines, amounts, the promise,
 * dates, and the shipping country. The status projection holds no personal data to begin with.
 * Applying the same request twice changes nothing more.
 */
@Component
class OrderErasure {

	private static final Logger log = LoggerFactory.getLogger(OrderErasure.class);

	/** Everything that identifies a person in an order document. */
	static final String[] PERSONAL_FIELDS = { "customer.email", "customer.phone", "customer.name",
			"shippingAddress.name", "shippingAddress.line1", "shippingAddress.line2", "shippingAddress.postalCode",
			"shippingAddress.city", "shippingAddress.region" };

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	OrderErasure(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	Mono<Long> apply(CustomerErasureRequested request) {
		var update = new Update();
		for (var field : PERSONAL_FIELDS) {
			update.unset(field);
		}
		update.set("erasedAt", clock.instant()).inc("version", 1);
		return mongo.updateMulti(Query.query(Criteria.where("customer.customerId").is(request.customerId())), update,
				"orders")
			.map(result -> {
				log.info("Erased personal data of customer {} from {} orders", request.customerId(),
						result.getModifiedCount());
				return result.getModifiedCount();
			});
	}

}
