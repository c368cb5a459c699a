package dev.postpurchase.notification.recipient;

import java.time.Clock;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.order.OrderPlaced;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contact data of every order, from OrderPlaced, one document per order. Once a customer's data
 * was erased, a redelivered OrderPlaced does not bring it back.
 */
@Component
public class Recipients implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Recipients.class);

	static final String COLLECTION = "recipients";

	private static final String[] PERSONAL_FIELDS = { "email", "phone", "name" };

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	Recipients(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// erasure finds a customer's orders by customer id
		mongo.indexOps(COLLECTION).createIndex(new Index().named("customer").on("customerId", Direction.ASC)).block();
	}

	/** Remembers (or refreshes) the order's recipient; idempotent. */
	public Mono<Void> remember(OrderPlaced placed) {
		var customer = placed.customer();
		var update = new Update().set("customerId", customer.customerId())
			.set("orderReference", placed.externalOrderId() == null ? placed.orderId() : placed.externalOrderId())
			.set("email", customer.email())
			.set("phone", customer.phone())
			.set("name", customer.name())
			.set("locale", customer.locale())
			.set("timeZone", customer.timeZone() == null ? null : customer.timeZone().getId())
			.set("emailConsent", customer.consents() != null && customer.consents().email())
			.set("smsConsent", customer.consents() != null && customer.consents().sms())
			.set("whatsappConsent", customer.consents() != null && customer.consents().whatsapp())
			.set("updatedAt", clock.instant());
		var notErased = Query.query(Criteria.where("_id").is(placed.orderId()).and("erasedAt").exists(false));
		return mongo.upsert(notErased, update, COLLECTION)
			// the order exists and was erased: keep it erased
			.onErrorResume(DuplicateKeyException.class, ex -> Mono.empty())
			.then();
	}

	/** The recipient of an order, empty when the order is unknown. */
	public Mono<Recipient> of(String orderId) {
		return mongo.findById(orderId, Recipient.class, COLLECTION);
	}

	/** The recipients of the orders that are known, with one query. */
	public Flux<Recipient> ofAll(Collection<String> orderIds) {
		return mongo.find(Query.query(Criteria.where("_id").in(orderIds)), Recipient.class, COLLECTION);
	}

	/** Forgets the contact data of every order of a customer; returns the number of orders changed. */
	public Mono<Long> erase(String customerId) {
		var update = new Update();
		for (var field : PERSONAL_FIELDS) {
			update.unset(field);
		}
		update.set("erasedAt", clock.instant());
		return mongo.updateMulti(Query.query(Criteria.where("customerId").is(customerId)), update, COLLECTION)
			.map(result -> {
				log.info("Erased contact data of customer {} from {} orders", customerId, result.getModifiedCount());
				return result.getModifiedCount();
			});
	}

}
