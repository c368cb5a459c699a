package dev.postpurchase.returns.request;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.kit.idempotency.AppliedEvents;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.returns.request.CustomerReturn.Transition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The returns, one document each. A transition is one conditional write: it applies only from the
 * states that may lead to the target ({@link ReturnState#before}), records itself in the history,
 * and appends its events to the document's outbox; so two agents, or an agent and a carrier scan,
 * never both move a return, and nothing is published that did not happen.
 */
@Component
public class Returns implements SmartInitializingSingleton {

	static final String COLLECTION = "returns";

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final Clock clock;

	Returns(ReactiveMongoTemplate mongo, OutboxRelay relay, Clock clock) {
		this.mongo = mongo;
		this.relay = relay;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var index = mongo.indexOps(COLLECTION);
		Flux.concat(index.createIndex(new Index().named("order").on("orderId", Direction.ASC).on("createdAt", Direction.ASC)),
				index.createIndex(new Index().named("state").on("state", Direction.ASC).on("createdAt", Direction.DESC)),
				index.createIndex(new Index().named("refund_due").on("refund.nextAttemptAt", Direction.ASC).sparse()),
				index.createIndex(new Index().named("customer").on("customerId", Direction.ASC)))
			.blockLast();
	}

	/** A new return id, e.g. {@code ret_7F3K9Q2M4X}. */
	static String newId() {
		var random = UUID.randomUUID();
		return id(random.getMostSignificantBits() ^ random.getLeastSignificantBits());
	}

	/** The id of the return an order's request with this idempotency key makes: the same for every repeat. */
	static String idFor(String orderId, String idempotencyKey) {
		var name = UUID.nameUUIDFromBytes((orderId + "\n" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return id(name.getMostSignificantBits() ^ name.getLeastSignificantBits());
	}

	private static String id(long bits) {
		var alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
		var id = new StringBuilder("ret_");
		for (int i = 0; i < 10; i++) {
			id.append(alphabet.charAt((int) (bits & 31)));
			bits >>>= 5;
		}
		return id.toString();
	}

	/** Stores a new return with its first events. */
	Mono<CustomerReturn> create(CustomerReturn created) {
		return mongo.insert(created, COLLECTION).doOnNext(saved -> relay.wakeUp(COLLECTION, saved.id()));
	}

	public Mono<CustomerReturn> find(String id) {
		return mongo.findById(id, CustomerReturn.class, COLLECTION);
	}

	/** The returns of an order, oldest first. */
	public Flux<CustomerReturn> ofOrder(String orderId) {
		return mongo.find(Query.query(Criteria.where("orderId").is(orderId)).with(Sort.by("createdAt", "_id")),
				CustomerReturn.class, COLLECTION);
	}

	/** Returns in a state, newest first, after the cursor's return ({@code before}, {@code beforeId}) when given. */
	public Flux<CustomerReturn> inState(ReturnState state, Instant before, String beforeId, int limit) {
		var criteria = Criteria.where("state").is(state);
		if (before != null) {
			criteria = criteria.orOperator(Criteria.where("createdAt").lt(before),
					Criteria.where("createdAt").is(before).and("_id").lt(beforeId));
		}
		return mongo.find(Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
			.limit(limit), CustomerReturn.class, COLLECTION);
	}

	/**
	 * How many of each sku of an order are already on their way back or returned: every return but
	 * rejected ones.
	 */
	Mono<Map<String, Integer>> returnedQuantities(String orderId) {
		return ofOrder(orderId).filter(existing -> existing.state() != ReturnState.REJECTED
				&& !(existing.state() == ReturnState.CLOSED && existing.rejection() != null))
			.flatMapIterable(CustomerReturn::lines)
			.reduce(new HashMap<String, Integer>(), (totals, line) -> {
				totals.merge(line.sku(), line.quantity(), Integer::sum);
				return totals;
			})
			.map(totals -> (Map<String, Integer>) totals);
	}

	/** Whether shipping was refunded for the order already, by another return. */
	Mono<Boolean> shippingRefunded(String orderId, String exceptReturnId) {
		return mongo.exists(Query.query(Criteria.where("orderId").is(orderId)
			.and("_id").ne(exceptReturnId)
			.and("refund.shippingMinor").gt(0)
			.and("state").in(ReturnState.RECEIVED, ReturnState.REFUNDED, ReturnState.REFUND_FAILED, ReturnState.CLOSED)),
				COLLECTION);
	}

	/**
	 * Moves a return to {@code to}, from any state that may lead there, with the extra changes and
	 * the events. Fails with 404 when the return does not exist and 409 when its state does not allow
	 * the move.
	 */
	Mono<CustomerReturn> move(String id, ReturnState to, String by, Update changes, List<? extends Event> events) {
		return through(id, List.of(to), by, changes, events);
	}

	/**
	 * Moves a return through several states in one write (approved and its label issued; refunded
	 * and closed), each recorded in the history; 404 or 409 like {@link #move}.
	 */
	Mono<CustomerReturn> through(String id, List<ReturnState> path, String by, Update changes,
			List<? extends Event> events) {
		return transition(id, path, by, changes, events, null).switchIfEmpty(Mono.defer(() -> find(id)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Return " + id + " not found")))
			.flatMap(found -> Mono.error(Problems.of(HttpStatus.CONFLICT,
					"Return " + id + " is " + found.state() + ": it cannot become " + path.get(0))))));
	}

	/**
	 * Moves a return like {@link #through}, but only once per event: empty when the move does not
	 * apply (another state, or the event was applied already). For carrier scans, which may come
	 * twice, late, or out of order.
	 */
	Mono<CustomerReturn> throughOnce(String id, List<ReturnState> path, UUID eventId, Update changes,
			List<? extends Event> events) {
		return transition(id, path, "carrier", changes, events, eventId);
	}

	private Mono<CustomerReturn> transition(String id, List<ReturnState> path, String by, Update changes,
			List<? extends Event> events, UUID eventId) {
		var now = clock.instant();
		var criteria = Criteria.where("_id").is(id).and("state").in(ReturnState.before(path.get(0)));
		var query = eventId == null ? Query.query(criteria)
				: Query.query(criteria.andOperator(AppliedEvents.notApplied(eventId)));
		var update = changes == null ? new Update() : changes;
		update.set("state", path.get(path.size() - 1))
			.set("updatedAt", now)
			.push("history")
			.each(path.stream().map(state -> new Transition(state, now, by)).toArray());
		if (eventId != null) {
			AppliedEvents.markApplied(update, eventId);
		}
		if (!events.isEmpty()) {
			update.push(OutboxEntry.FIELD).each(events.stream().map(OutboxEntry::of).toArray());
		}
		return mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), CustomerReturn.class,
				COLLECTION)
			.doOnNext(moved -> relay.wakeUp(COLLECTION, id));
	}

	/** Sets fields of a return without moving it (the refund's retry bookkeeping), with events. */
	Mono<CustomerReturn> note(String id, ReturnState in, Update changes, List<? extends Event> events) {
		var update = changes.set("updatedAt", clock.instant());
		if (!events.isEmpty()) {
			update.push(OutboxEntry.FIELD).each(events.stream().map(OutboxEntry::of).toArray());
		}
		return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("state").is(in)), update,
				FindAndModifyOptions.options().returnNew(true), CustomerReturn.class, COLLECTION)
			.doOnNext(changed -> relay.wakeUp(COLLECTION, id));
	}

	/**
	 * Received returns whose settlement did not happen (the instance died, or the order's facts were
	 * missing, between the receipt and the refund, credit or exchange): due once their lease is over.
	 */
	Flux<CustomerReturn> settlementsDue(int limit) {
		return mongo.find(Query.query(Criteria.where("state").is(ReturnState.RECEIVED)
			.and("settleAt").lte(clock.instant())
			.and("refund").exists(false)).limit(limit), CustomerReturn.class, COLLECTION);
	}

	/** Returns whose failed refund is due for another attempt. */
	Flux<CustomerReturn> refundsDue(int limit) {
		return mongo.find(Query.query(Criteria.where("state").in(ReturnState.RECEIVED, ReturnState.REFUND_FAILED)
			.and("refund.nextAttemptAt").lte(clock.instant())).limit(limit), CustomerReturn.class, COLLECTION);
	}

	/** Removes the free text of a customer's returns (erasure); emits how many changed. */
	public Mono<Long> erase(String customerId) {
		return mongo.updateMulti(Query.query(Criteria.where("customerId").is(customerId).and("comment").exists(true)),
				new Update().unset("comment"), COLLECTION).map(result -> result.getModifiedCount());
	}

}
