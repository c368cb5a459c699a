package dev.postpurchase.metrics.support;

import java.time.Instant;
import java.util.Collection;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.metrics.kpi.PlacedOrders;
import dev.postpurchase.metrics.kpi.MetricTags;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SupportContactLogged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts the support KPIs are computed from: one document per customer contact in
 * {@code contact_facts}, one per order in {@code orders_placed}.
 *
 * <p>Every event is one upsert that gives the same document whatever order events come in and however
 * often: times are kept with {@code $min} (the first one counts), everything else is what the one event
 * of its kind tells, set again by a redelivery.
 *
 * <p>Each fact an event changes first is counted once (see {@link FactStore#upsert}):
 * {@code cx_support_contacts_total{reason}} and {@code cx_orders_placed_total{channel}}.
 */
@Component
class SupportFacts {

	static final String CONTACTS = "contact_facts";

	static final String ORDERS = "orders_placed";

	private final FactStore store;

	private final MeterRegistry meters;

	SupportFacts(FactStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
	}

	/** The indexes the KPI range queries use; creating an existing index changes nothing. */
	@EventListener(ApplicationReadyEvent.class)
	void createIndexes() {
		store.declare(CONTACTS, "at");
		store.declare(ORDERS, "placedAt");
	}

	/** Records a customer contact. */
	Mono<Void> contact(SupportContactLogged logged) {
		if (logged.contactId() == null || logged.contactId().isBlank() || logged.eventId() == null) {
			throw new IllegalArgumentException(
					"SupportContactLogged without contact id or event id (" + logged.eventId() + ")");
		}
		if (logged.occurredAt() == null) {
			throw new IllegalArgumentException("SupportContactLogged " + logged.eventId() + " tells no time");
		}
		var update = new Update().min("at", logged.occurredAt())
			.set("resolvedOnFirstContact", logged.resolvedOnFirstContact());
		if (logged.orderId() != null) {
			update.set("orderId", logged.orderId());
		}
		if (logged.reason() != null) {
			update.set("reason", logged.reason().name());
		}
		return store.upsert(CONTACTS, logged.contactId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> count("cx.support.contacts", "Customer contacts logged by support", "reason",
					MetricTags.of(logged.reason())))
			.then();
	}

	/** Records when and through which channel an order was placed. */
	Mono<Void> placed(OrderPlaced placed) {
		var at = PlacedOrders.placedAt(placed);
		var update = new Update().min("placedAt", at);
		if (placed.salesChannel() != null) {
			update.set("salesChannel", placed.salesChannel().name());
		}
		return store.upsert(ORDERS, placed.orderId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> count("cx.orders.placed", "Orders placed", "channel",
					MetricTags.of(placed.salesChannel())))
			.then();
	}

	private void count(String name, String description, String tag, String value) {
		Counter.builder(name).description(description).tag(tag, value).register(meters).increment();
	}

	/** Contacts logged in {@code [from, to)}. */
	Flux<ContactFact> contactsBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("at").gte(from).lt(to)), ContactFact.class, CONTACTS);
	}

	/** Orders placed in {@code [from, to)}. */
	Flux<PlacedOrder> placedBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("placedAt").gte(from).lt(to)), PlacedOrder.class, ORDERS);
	}

	/** Orders by id, for the sales channel of their contacts. */
	Flux<PlacedOrder> orders(Collection<String> orderIds) {
		return orderIds.isEmpty() ? Flux.empty()
				: store.find(Query.query(Criteria.where("_id").in(orderIds)), PlacedOrder.class, ORDERS);
	}

}
