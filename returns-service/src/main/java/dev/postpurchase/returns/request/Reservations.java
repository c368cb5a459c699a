package dev.postpurchase.returns.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.returns.order.OrderFacts;
import dev.postpurchase.returns.policy.RequestedLine;
import reactor.core.publisher.Mono;

/**
 * The items of each order promised back by its returns, counted up atomically and only while every
 * sku stays within what was bought: two requests at the same moment (a double click, a customer and
 * an agent) can never together return more than the order had. One small document per order;
 * rejected returns give their items back. A request that reserved but then failed to store its return
 * keeps its reservation (erring on the side of never refunding twice).
 */
@Component
class Reservations {

	static final String COLLECTION = "return_reservations";

	private final ReactiveMongoTemplate mongo;

	Reservations(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Reserves the lines; {@code false} when some sku would then exceed what was bought. */
	Mono<Boolean> reserve(OrderFacts order, List<RequestedLine> lines) {
		var criteria = Criteria.where("_id").is(order.orderId());
		var update = new Update();
		for (var line : lines) {
			var field = field(line.sku());
			criteria = criteria.and(field).not().gt(order.purchased(line.sku()) - line.quantity());
			update.inc(field, line.quantity());
		}
		var query = Query.query(criteria);
		return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
				org.bson.Document.class, COLLECTION)
			.map(reserved -> true)
			// the upsert's insert collided with the order's document: over the limit, or created a
			// moment ago by a concurrent request; reserving on it without an insert tells which
			.onErrorResume(DuplicateKeyException.class, ex -> mongo
				.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), org.bson.Document.class,
						COLLECTION)
				.map(reserved -> true))
			.defaultIfEmpty(false);
	}

	/** How many of each sku of the order are reserved, by sku; empty when none ever were. */
	Mono<Map<String, Integer>> reserved(String orderId) {
		return mongo.findById(orderId, org.bson.Document.class, COLLECTION)
			.map(found -> {
				var reserved = found.get("reserved", org.bson.Document.class);
				var bySku = new HashMap<String, Integer>();
				if (reserved != null) {
					reserved.forEach((field, count) -> bySku.put(
							new String(Base64.getUrlDecoder().decode(field), StandardCharsets.UTF_8),
							((Number) count).intValue()));
				}
				return (Map<String, Integer>) bySku;
			})
			.defaultIfEmpty(Map.of());
	}

	/** Gives a rejected return's items back. */
	Mono<Void> release(String orderId, List<CustomerReturn.Line> lines) {
		var update = new Update();
		lines.forEach(line -> update.inc(field(line.sku()), -line.quantity()));
		return mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)), update, COLLECTION).then();
	}

	/** A sku as a field name (under {@code reserved}; {@link #reserved} decodes it back): skus may hold dots or dollars, which field names must not. */
	private static String field(String sku) {
		return "reserved." + Base64.getUrlEncoder().withoutPadding().encodeToString(sku.getBytes(StandardCharsets.UTF_8));
	}

}
