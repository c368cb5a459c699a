package dev.postpurchase.metrics.survey;

import java.time.Instant;

import org.bson.Document;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SalesChannel;
import reactor.core.publisher.Mono;

/**
 * What the survey needs to know of an order, kept from OrderPlaced in {@code order_facts}: whose it
 * is (SurveyAnswered names the customer) and its sales channel. No personal data. Only these fields
 * are set, so other projections of the same collection keep theirs.
 */
@Component
class OrderFacts {

	static final String COLLECTION = "order_facts";

	private final FactStore store;

	OrderFacts(FactStore store) {
		this.store = store;
	}

	/** Declares the collection, so a rebuild fills it. */
	@EventListener(ApplicationReadyEvent.class)
	void declare() {
		store.declare(COLLECTION);
	}

	/** An order's customer and sales channel (the channel may be absent). */
	record Fact(String orderId, String customerId, SalesChannel salesChannel) {

	}

	/** Records the order; a redelivery writes the same values again. */
	Mono<Void> placed(OrderPlaced placed, Instant now) {
		if (placed.orderId() == null || placed.customer() == null || placed.customer().customerId() == null) {
			throw new IllegalArgumentException("OrderPlaced " + placed.eventId() + " without an order or customer id");
		}
		var update = new Update().set("customerId", placed.customer().customerId()).set("updatedAt", now);
		if (placed.salesChannel() != null) {
			update.set("salesChannel", placed.salesChannel());
		}
		return store.upsert(COLLECTION, placed.orderId(), update).then();
	}

	/**
	 * Forgets a customer: removes the customer id from their orders' facts (every generation written
	 * to), keeping the sales channel. Erasing again changes nothing. An erased order counts as not
	 * known here: a survey answer for it is parked, and deleted once it has waited too long.
	 */
	Mono<Void> erase(String customerId) {
		return store.updateAll(COLLECTION, Query.query(Criteria.where("customerId").is(customerId)),
				new Update().unset("customerId"));
	}

	/** The order's facts; empty when its OrderPlaced has not been seen. */
	Mono<Fact> find(String orderId) {
		var query = Query.query(Criteria.where("_id").is(orderId).and("customerId").exists(true));
		return store.findOne(query, Document.class, COLLECTION)
			.map(document -> new Fact(orderId, document.getString("customerId"),
					document.getString("salesChannel") == null ? null
							: SalesChannel.valueOf(document.getString("salesChannel"))));
	}

}
