package dev.postpurchase.order.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.web.Problems;
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

	public Mono<Page<Order>> find(String customerId, OrderStatus status, String cursor, int limit) {
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
			filters.add(new Criteria().orOperator(Criteria.where("placedAt").lt(after.placedAt()),
					Criteria.where("placedAt").is(after.placedAt()).and("_id").lt(after.id())));
		}
		criteria.andOperator(filters);
		var query = Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")))
			.limit(limit + 1);
		return mongo.find(query, Order.class).collectList().map(found -> {
			var more = found.size() > limit;
			var items = more ? found.subList(0, limit) : found;
			var last = items.isEmpty() ? null : items.get(items.size() - 1);
			return new Page<>(items, more ? new Cursor(last.placedAt(), last.id().value()).encode() : null);
		});
	}

	/** One page; {@code nextCursor} is null on the last page. */
	public record Page<T>(List<T> items, String nextCursor) {

		public <R> Page<R> map(Function<T, R> mapper) {
			return new Page<>(items.stream().map(mapper).toList(), nextCursor);
		}

	}

	record Cursor(Instant placedAt, String id) {

		String encode() {
			var text = placedAt.toEpochMilli() + "|" + id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor parse(String cursor) {
			try {
				var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				var separator = text.indexOf('|');
				return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, separator))),
						text.substring(separator + 1));
			}
			catch (RuntimeException ex) {
				throw Problems.badRequest("cursor: not a cursor returned by this API");
			}
		}

	}

}
