package dev.postpurchase.order.orders;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.web.CursorPage;
import dev.postpurchase.kit.web.CursorPage.Cursor;
import reactor.core.publisher.Mono;

/**
 * Order lists for agents, newest first, with cursor pagination: a cursor marks the last order seen,
 * so pages stay stable while new orders arrive (no skip/offset scans). Backed by the
 * {@code customerId/status + placedAt + _id} indexes.
 */
@Component
public class OrderQueries {

	public static final int MAX_LIMIT = 100;

	private final ReactiveMongoTemplate mongo;

	OrderQueries(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Mono<CursorPage<Order>> find(String customerId, OrderStatus status, String cursor, int limit) {
		var criteria = new Criteria();
		var filters = new java.util.ArrayList<Criteria>();
		if (customerId != null) {
			filters.add(Criteria.where("customer.customerId").is(customerId));
		}
		if (status != null) {
			filters.add(Criteria.where("status").is(status));
		}
		if (cursor != null) {
			var after = Cursor.parse(cursor);
			filters.add(new Criteria().orOperator(Criteria.where("placedAt").lt(after.at()),
					Criteria.where("placedAt").is(after.at()).and("_id").lt(after.id())));
		}
		criteria.andOperator(filters);
		var query = Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")))
			.limit(limit + 1);
		return mongo.find(query, Order.class)
			.collectList()
			.map(found -> CursorPage.of(found, limit, last -> new Cursor(last.placedAt(), last.id().value())));
	}

}
