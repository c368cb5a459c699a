package dev.postpurchase.notification.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.bson.Document;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.kit.idempotency.AppliedEvents;
import dev.postpurchase.kit.idempotency.DuplicateWrites;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.notification.message.Notification.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger. Every change of an entry and the event announcing it are one single-document write
 * (the entry's outbox), and every change of a PENDING entry is conditional on it still being
 * PENDING, so two instances, or a retry and a redelivery, never both send a message. Claims, changes
 * and reads by ids that come while others of their kind are under way (a batch's orders handled side by
 * side) go to MongoDB together, as one command ({@link Coalescer}); each is still its own single-document
 * write.
 */
@Component
public class Notifications implements SmartInitializingSingleton {

	public static final String COLLECTION = "notifications";

	/** The most claims, changes or reads by ids sent as one command. */
	private static final int COALESCED = 100;

	/** The token of the latest change of an entry ({@link #changeAll}). */
	private static final String CHANGED_BY = "changedBy";

	/** The token of the pass that took an entry for its latest attempt ({@link #takeDue}). */
	private static final String TAKEN_BY = "takenBy";

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final Clock clock;

	/** Claims that come while others are being inserted go together ({@link Coalescer}). */
	private final Coalescer<Notification, Boolean> claims = new Coalescer<>(this::insertAll, COALESCED);

	/** Conditional changes of entries that come while others are being made go together. */
	private final Coalescer<Change, Boolean> changes = new Coalescer<>(this::changeAll, COALESCED);

	/** Reads by ids that come while others are under way go together. */
	private final Coalescer<List<String>, List<Notification>> reads = new Coalescer<>(this::findAll, COALESCED);

	Notifications(ReactiveMongoTemplate mongo, OutboxRelay relay, Clock clock) {
		this.mongo = mongo;
		this.relay = relay;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var index = mongo.indexOps(COLLECTION);
		Flux.concat(index.createIndex(new Index().named("order").on("orderId", Direction.ASC).on("createdAt", Direction.ASC)),
				index.createIndex(new Index().named("due").on("status", Direction.ASC).on("nextAttemptAt", Direction.ASC)))
			.blockLast();
	}

	/**
	 * Inserts a new entry: the claim. Emits {@code true} when this call claimed it, {@code false}
	 * when the entry already existed.
	 */
	Mono<Boolean> claim(Notification entry) {
		return claims.submit(entry).doOnNext(claimed -> wakeRelayIf(claimed && !entry.outbox().isEmpty(), entry.id()));
	}

	/**
	 * Inserts entries with one command, unordered, so that one that exists already does not stop the
	 * others; emits for each whether it was inserted.
	 */
	private Mono<List<Boolean>> insertAll(List<Notification> entries) {
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, Notification.class, COLLECTION);
		bulk.insert(entries);
		return DuplicateWrites.outcomes(bulk.execute(), entries.size());
	}

	/**
	 * Records that another event asked for an entry that exists, once per event: publishes the
	 * suppression as a DUPLICATE. A redelivery of the event that made the entry does nothing.
	 */
	Mono<Boolean> duplicate(String id, UUID eventId, NotificationSuppressed suppressed) {
		var query = Query.query(Criteria.where("_id").is(id).andOperator(AppliedEvents.notApplied(eventId)));
		var update = AppliedEvents.markApplied(new Update(), eventId)
			.push(OutboxEntry.FIELD, OutboxEntry.of(suppressed))
			.set("updatedAt", clock.instant());
		return change(id, query, update);
	}

	/** Marks a PENDING entry SENT and publishes the event; {@code false} when it was not PENDING. */
	Mono<Boolean> sent(String id, String template, String locale, String providerMessageId, Event sent) {
		var update = new Update().set("status", Status.SENT)
			.set("counted", true)
			.set("template", template)
			.set("locale", locale)
			.set("providerMessageId", providerMessageId)
			.set("sentAt", clock.instant())
			.set("updatedAt", clock.instant())
			.unset("nextAttemptAt")
			.push(OutboxEntry.FIELD, OutboxEntry.of(sent));
		return whilePending(id, update);
	}

	/**
	 * Keeps a PENDING entry for another attempt at {@code retryAt}; publishes {@code event} (a
	 * NotificationFailed that will be retried) when there is one. {@code counted}: whether the
	 * message has been counted against the daily cap.
	 */
	Mono<Boolean> failedAttempt(String id, String error, Instant retryAt, boolean counted, Event event) {
		var update = new Update().set("lastError", error)
			.set("nextAttemptAt", retryAt)
			.set("updatedAt", clock.instant())
			.set("counted", counted);
		if (event != null) {
			update.push(OutboxEntry.FIELD, OutboxEntry.of(event));
		}
		return whilePending(id, update);
	}

	/** Defers a PENDING entry to the end of quiet hours and publishes the deferral. */
	Mono<Boolean> defer(String id, Instant until, Event deferral) {
		return whilePending(id, new Update().set("nextAttemptAt", until)
			.set("deferredUntil", until)
			.set("updatedAt", clock.instant())
			.push(OutboxEntry.FIELD, OutboxEntry.of(deferral)));
	}

	/** Any entry of an order's milestone, on whichever channel. */
	Mono<Notification> anyOf(String orderId, Milestone milestone) {
		return ofOrder(orderId, List.of(milestone)).next();
	}

	/**
	 * The entries of an order about {@code milestones}, found by their ids (one per milestone and
	 * channel): the cost does not grow with the ledger, whichever MongoDB holds it.
	 */
	Flux<Notification> ofOrder(String orderId, Collection<Milestone> milestones) {
		return byIds(milestones.stream().flatMap(milestone -> ids(orderId, milestone)).toList());
	}

	/** The entries of each order about its milestone, on any channel, read with one query (by their ids). */
	Flux<Notification> ofOrders(Map<String, Milestone> milestoneByOrder) {
		return byIds(milestoneByOrder.entrySet().stream().flatMap(asked -> ids(asked.getKey(), asked.getValue())).toList());
	}

	private static Stream<String> ids(String orderId, Milestone milestone) {
		return Arrays.stream(Channel.values()).map(channel -> Notification.idOf(orderId, milestone, channel));
	}

	private Flux<Notification> byIds(List<String> ids) {
		return ids.isEmpty() ? Flux.empty() : reads.submit(ids).flatMapIterable(found -> found);
	}

	/** The entries of several reads by ids, found with one query; for each read, those of its ids. */
	private Mono<List<List<Notification>>> findAll(List<List<String>> idsOfReads) {
		var ids = idsOfReads.stream().flatMap(List::stream).distinct().toList();
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), Notification.class, COLLECTION)
			.collectMap(Notification::id)
			.map(found -> idsOfReads.stream()
				.map(wanted -> wanted.stream().map(found::get).filter(Objects::nonNull).toList())
				.toList());
	}

	/**
	 * Ends a waiting entry as COLLAPSED (replaced by a newer message), unless an attempt took it
	 * meanwhile; publishes {@code event}.
	 */
	Mono<Boolean> collapse(String id, Event event) {
		var query = Query.query(Criteria.where("_id").is(id).and("status").is(Status.PENDING).and("attempts").is(0));
		var update = new Update().set("status", Status.SUPPRESSED)
			.set("reason", NotificationSuppressed.Reason.COLLAPSED)
			.set("updatedAt", clock.instant())
			.unset("nextAttemptAt")
			.push(OutboxEntry.FIELD, OutboxEntry.of(event));
		return change(id, query, update);
	}

	/** How many PENDING entries there are: all, and those deferred to the end of quiet hours. */
	Mono<long[]> backlog() {
		var pending = Criteria.where("status").is(Status.PENDING);
		return Mono.zip(mongo.count(Query.query(pending), COLLECTION), mongo.count(Query.query(
				Criteria.where("status").is(Status.PENDING).and("deferredUntil").gt(clock.instant())), COLLECTION))
			.map(counts -> new long[] { counts.getT1(), counts.getT2() });
	}

	/** Ends a PENDING entry (FAILED or SUPPRESSED) and publishes why. */
	Mono<Boolean> end(String id, Status status, NotificationSuppressed.Reason reason, Event event) {
		var update = new Update().set("status", status)
			.set("updatedAt", clock.instant())
			.unset("nextAttemptAt")
			.push(OutboxEntry.FIELD, OutboxEntry.of(event));
		if (reason != null) {
			update.set("reason", reason);
		}
		return whilePending(id, update);
	}

	/**
	 * Takes the PENDING entries among {@code ids} that are due for an attempt: moves their next attempt
	 * a lease ahead and counts the attempt, so no one else takes them meanwhile; two commands however
	 * many they are. The update marks what it took with a token of this call ({@code takenBy}), by
	 * which they are read back: an entry another instance took a moment before is not due any more, so
	 * neither taken nor read. Emits the entries taken, as they are now.
	 */
	Flux<Notification> takeDue(List<String> ids, Instant leaseUntil) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		var now = clock.instant();
		var token = UUID.randomUUID().toString();
		var due = Query.query(Criteria.where("_id").in(ids).and("status").is(Status.PENDING).and("nextAttemptAt").lte(now));
		var take = new Update().set("nextAttemptAt", leaseUntil).inc("attempts", 1).set("updatedAt", now).set(TAKEN_BY, token);
		return mongo.updateMulti(due, take, COLLECTION)
			.thenMany(mongo.find(Query.query(Criteria.where("_id").in(ids).and(TAKEN_BY).is(token)), Notification.class,
					COLLECTION));
	}

	/** The ids of PENDING entries due for an attempt, oldest first. */
	Flux<String> due(int limit) {
		var query = Query.query(Criteria.where("status").is(Status.PENDING).and("nextAttemptAt").lte(clock.instant()))
			.with(Sort.by("nextAttemptAt"))
			.limit(limit);
		return mongo.find(query, Notification.class, COLLECTION).map(Notification::id);
	}

	/** The entries of an order, oldest first. */
	public Flux<Notification> ofOrder(String orderId) {
		return mongo.find(Query.query(Criteria.where("orderId").is(orderId)).with(Sort.by("createdAt", "_id")),
				Notification.class, COLLECTION);
	}

	private Mono<Boolean> whilePending(String id, Update update) {
		return change(id, Query.query(Criteria.where("_id").is(id).and("status").is(Status.PENDING)), update);
	}

	/**
	 * Changes an entry if it matches {@code query} (which names its id), with those that come
	 * meanwhile in one bulk write; emits whether it changed it.
	 */
	private Mono<Boolean> change(String id, Query query, Update update) {
		return changes.submit(new Change(id, query, update)).doOnNext(changed -> wakeRelayIf(changed, id));
	}

	/** A change of one entry, made if the entry matches the query. */
	private record Change(String id, Query query, Update update) {

	}

	/**
	 * Makes changes with one bulk write; emits for each whether it was made. Each marks the entry with a
	 * token of its own ({@code changedBy}): when fewer entries changed than there were changes (one no
	 * longer matched), the tokens read back tell which.
	 */
	private Mono<List<Boolean>> changeAll(List<Change> batch) {
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, Notification.class, COLLECTION);
		var tokens = new ArrayList<String>(batch.size());
		for (var change : batch) {
			var token = UUID.randomUUID().toString();
			tokens.add(token);
			bulk.updateOne(change.query(), change.update().set(CHANGED_BY, token));
		}
		return bulk.execute().flatMap(result -> {
			if (result.getModifiedCount() == batch.size()) {
				return Mono.just(Collections.nCopies(batch.size(), true));
			}
			var read = Query.query(Criteria.where("_id").in(batch.stream().map(Change::id).distinct().toList()));
			read.fields().include(CHANGED_BY);
			return mongo.find(read, Document.class, COLLECTION)
				.collectMap(entry -> entry.getString("_id"), entry -> String.valueOf(entry.get(CHANGED_BY)))
				.map(marked -> {
					var made = new ArrayList<Boolean>(batch.size());
					for (int i = 0; i < batch.size(); i++) {
						made.add(tokens.get(i).equals(marked.get(batch.get(i).id())));
					}
					return made;
				});
		});
	}

	private void wakeRelayIf(boolean changed, String id) {
		if (changed) {
			relay.wakeUp(COLLECTION, id);
		}
	}

}
