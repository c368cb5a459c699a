package dev.postpurchase.tracking.exception;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.web.CursorPage;
import dev.postpurchase.kit.web.CursorPage.Cursor;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.tracking.shipment.Shipment;
import dev.postpurchase.tracking.shipment.Shipment.DeliveryException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Delivery exceptions for agents and ops: resolving one by hand, and listing them page by page. */
@Service
public class DeliveryExceptions {

	private static final Logger log = LoggerFactory.getLogger(DeliveryExceptions.class);

	public static final int MAX_LIMIT = 100;

	public static final int MAX_NOTE = 1000;

	/** What an agent may resolve with; the automatic resolutions are the service's own. */
	public static final Set<Resolution> BY_AGENT = Set.of(Resolution.RESOLVED_BY_AGENT, Resolution.BACK_ON_TRACK,
			Resolution.CANCELLED);

	private static final Retry ON_CONCURRENT_CHANGE = Retry.max(10)
		.filter(OptimisticLockingFailureException.class::isInstance);

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final Clock clock;

	DeliveryExceptions(ReactiveMongoTemplate mongo, OutboxRelay relay, Clock clock) {
		this.mongo = mongo;
		this.relay = relay;
		this.clock = clock;
	}

	/** An exception with the shipment it belongs to. */
	public record Listed(String shipmentId, String orderId, String carrier, String trackingNumber, TrackingStatus status,
			PromiseState promiseState, DeliveryException exception) {

		static Listed of(Shipment shipment, DeliveryException exception) {
			return new Listed(shipment.shipmentId(), shipment.orderId(), shipment.carrier(), shipment.trackingNumber(),
					shipment.status(), shipment.promiseState(), exception);
		}

	}

	/**
	 * An agent resolves an open exception: 404 when unknown, 409 when already resolved, 400 for a
	 * resolution agents do not give.
	 */
	public Mono<Listed> resolve(String exceptionId, Resolution resolution, String note, String agent) {
		if (resolution == null || !BY_AGENT.contains(resolution)) {
			return Mono.error(Problems.badRequest("resolution: one of " + BY_AGENT.stream().sorted().toList()));
		}
		if (note != null && note.length() > MAX_NOTE) {
			return Mono.error(Problems.badRequest("note: at most " + MAX_NOTE + " characters"));
		}
		var byId = Query.query(Criteria.where("exceptions.exceptionId").is(exceptionId));
		return Mono.defer(() -> mongo.findOne(byId, Shipment.class))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No delivery exception " + exceptionId)))
			.flatMap(shipment -> {
				var resolved = shipment.resolve(exceptionId, resolution, agent, note, clock);
				if (resolved.isEmpty()) {
					return Mono.error(Problems.conflict("Delivery exception " + exceptionId + " is already resolved"));
				}
				return mongo.save(shipment).map(saved -> Listed.of(saved, resolved.get()));
			})
			.retryWhen(ON_CONCURRENT_CHANGE)
			.doOnNext(resolved -> {
				log.info("Delivery exception {} ({}) resolved by an agent: {}", exceptionId, resolved.exception().kind(),
						resolution);
				relay.wakeUp();
			});
	}

	/**
	 * Open or resolved exceptions, optionally of one kind and carrier, newest first. A cursor marks
	 * the last exception seen, so pages stay stable while new ones are raised.
	 */
	public Mono<CursorPage<Listed>> find(boolean open, ExceptionKind kind, String carrier, String cursor, int limit) {
		var element = new ArrayList<Criteria>();
		element.add(open ? Criteria.where("resolvedAt").is(null) : Criteria.where("resolvedAt").ne(null));
		if (kind != null) {
			element.add(Criteria.where("kind").is(kind));
		}
		var shipment = Criteria.where("exceptions").elemMatch(new Criteria().andOperator(element));
		if (carrier != null) {
			shipment = shipment.and("carrier").is(carrier);
		}
		var unwound = new ArrayList<Criteria>();
		unwound.add(open ? Criteria.where("exceptions.resolvedAt").is(null)
				: Criteria.where("exceptions.resolvedAt").ne(null));
		if (kind != null) {
			unwound.add(Criteria.where("exceptions.kind").is(kind));
		}
		if (cursor != null) {
			var after = Cursor.parse(cursor);
			unwound.add(new Criteria().orOperator(Criteria.where("exceptions.raisedAt").lt(after.at()),
					Criteria.where("exceptions.raisedAt").is(after.at()).and("exceptions.exceptionId").lt(after.id())));
		}
		var aggregation = Aggregation.newAggregation(Aggregation.match(shipment), Aggregation.unwind("exceptions"),
				Aggregation.match(new Criteria().andOperator(unwound)),
				Aggregation.sort(Sort.by(Sort.Order.desc("exceptions.raisedAt"), Sort.Order.desc("exceptions.exceptionId"))),
				Aggregation.limit(limit + 1L));
		return mongo.aggregate(aggregation, "shipments", Row.class)
			.map(Row::listed)
			.collectList()
			.map(found -> CursorPage.of(found, limit,
					last -> new Cursor(last.exception().raisedAt(), last.exception().exceptionId())));
	}

	/** A shipment unwound to one of its exceptions. */
	record Row(@Id String id, String shipmentId, String orderId, String carrier, String trackingNumber,
			TrackingStatus status, PromiseState promiseState, DeliveryException exceptions) {

		Listed listed() {
			return new Listed(shipmentId, orderId, carrier, trackingNumber, status, promiseState, exceptions);
		}

	}

}
