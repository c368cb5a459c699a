package dev.postpurchase.metrics.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.bson.types.Decimal128;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.metrics.kpi.PlacedOrders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts the customer KPIs are computed from: one document per order in {@code customer_orders},
 * one per erased customer in {@code customer_tombstones}.
 *
 * <p><b>No raw customer ids in the metrics store.</b> Retention and repeat purchases only need to know
 * which orders share a customer, not who the customer is, so an order keeps a pseudonymous
 * {@linkplain #customerKey key} instead of the customer id: a reader of the store (a dump, a backup,
 * an analyst's query) sees no id to look up elsewhere.
 *
 * <p><b>Erasure</b> (GDPR) tombstones the customer: the tombstone holds an alias named after the
 * erasure event (the first one, when a customer is erased twice), and every order
 * of the key is re-keyed to it, so the orders no longer carry anything computed from the customer id
 * while still counting as one customer. An order that comes after the erasure (late, or replayed by a
 * rebuild that read the erasure first) is stored under the alias too, so the KPIs are the same
 * whatever order erasure and orders arrive in.
 *
 * <p>Every event is one upsert (plus the re-keying) that gives the same documents whatever order events
 * come in and however often: placedAt is kept with {@code $min}, the customer and the alias are set on
 * insert only, everything else is what the one OrderPlaced of the order tells, set again by a
 * redelivery. Erasing twice is erasing once.
 */
@Component
class CustomerFacts {

	static final String ORDERS = "customer_orders";

	static final String TOMBSTONES = "customer_tombstones";

	/** Set in front of the customer id before hashing, so the key is this store's own. */
	static final String KEY_PREFIX = "cx-metrics-customer:";

	/** The alias of an erased customer starts with this. */
	static final String ERASED = "erased-";

	private final FactStore store;

	CustomerFacts(FactStore store) {
		this.store = store;
	}

	/**
	 * The indexes the KPI range queries ({@code placedAt}) and the re-keying of an erasure
	 * ({@code customer}) use; creating an existing index changes nothing.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void createIndexes() {
		store.declare(ORDERS, "placedAt", "customer");
		store.declare(TOMBSTONES);
	}

	/** Records an order: its customer (key, or alias when erased), time, channel and total. */
	Mono<Void> placed(OrderPlaced placed) {
		if (placed.customer() == null || placed.customer().customerId() == null
				|| placed.customer().customerId().isBlank()) {
			throw new IllegalArgumentException("OrderPlaced " + placed.eventId() + " without a customer id");
		}
		var at = PlacedOrders.placedAt(placed);
		var update = new Update().min("placedAt", at);
		if (placed.salesChannel() != null) {
			update.set("salesChannel", placed.salesChannel().name());
		}
		var total = placed.total();
		if (total != null && total.amount() != null && total.currency() != null) {
			// Decimal128 keeps the amount exactly (34 digits); a larger one is a broken event
			update.set("total", new Decimal128(total.amount())).set("currency", total.currency());
		}
		var key = customerKey(placed.customer().customerId());
		return tombstone(key).map(Tombstone::alias)
			.defaultIfEmpty(key)
			.flatMap(customer -> store.upsert(ORDERS, placed.orderId(), update.setOnInsert("customer", customer)))
			// an erasure between the look-up and the upsert has re-keyed before this order was there
			.then(rekey(key));
	}

	/** Tombstones the customer and moves their orders to the tombstone's alias; twice is once. */
	Mono<Void> erased(CustomerErasureRequested erasure) {
		if (erasure.customerId() == null || erasure.customerId().isBlank()) {
			throw new IllegalArgumentException("CustomerErasureRequested " + erasure.eventId() + " without a customer id");
		}
		var key = customerKey(erasure.customerId());
		if (erasure.eventId() == null) {
			throw new IllegalArgumentException("CustomerErasureRequested without an event id");
		}
		// named after the erasure, not the customer: the same in every generation a live erasure and a
		// rebuild's replay write, and nothing computed from the customer id
		return store.upsert(TOMBSTONES, key, new Update().setOnInsert("alias", ERASED + erasure.eventId()))
			.then(rekey(key));
	}

	/** Orders placed in {@code [from, to)}. */
	Flux<CustomerOrder> placedBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("placedAt").gte(from).lt(to)), CustomerOrder.class, ORDERS);
	}

	/**
	 * The pseudonymous key of a customer: the SHA-256 of {@value #KEY_PREFIX} and the customer id, in hex.
	 * The same customer always has the same key (so orders can be grouped by customer), and the store
	 * holds no id that could be looked up in another system.
	 */
	static String customerKey(String customerId) {
		try {
			var digest = MessageDigest.getInstance("SHA-256")
				.digest((KEY_PREFIX + customerId).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/** Moves every order still under the key to the key's alias, when the customer is erased. */
	private Mono<Void> rekey(String key) {
		return tombstone(key).flatMap(tombstone -> store.updateAll(ORDERS, Query.query(Criteria.where("customer").is(key)),
				new Update().set("customer", tombstone.alias())));
	}

	private Mono<Tombstone> tombstone(String key) {
		return store.findOne(Query.query(Criteria.where("_id").is(key)), Tombstone.class, TOMBSTONES);
	}

}
