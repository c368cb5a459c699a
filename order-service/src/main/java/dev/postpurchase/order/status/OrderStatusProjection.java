package dev.postpurchase.order.status;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.returns.ReturnClosed;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.DeliveryEstimateRevised;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.idempotency.AppliedEvents;
import dev.postpurchase.kit.idempotency.DuplicateWrites;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.order.status.OrderStatusView.CheckpointSummary;
import dev.postpurchase.order.status.OrderStatusView.NotificationOutcome;
import dev.postpurchase.order.status.OrderStatusView.NotificationSummary;
import dev.postpurchase.order.status.OrderStatusView.ReturnState;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link OrderStatusView} from shipment, delivery-exception, return and notification events.
 * Each event is one atomic upsert of the order's view that also records the event id, so a
 * redelivered event changes nothing; a batch of events is one bulk write.
 * <p>
 * A {@link ShipmentStatusChanged} also adds its checkpoint to the parcel's history in a second
 * atomic update, which itself changes nothing when the history already holds that scan: the
 * history stays in carrier time order whatever order the events arrive in, holds each scan once
 * (same time, status, city and country), and keeps the latest {@value #CHECKPOINTS_KEPT}.
 */
@Component
class OrderStatusProjection {

	private static final Logger log = LoggerFactory.getLogger(OrderStatusProjection.class);

	static final int NOTIFICATIONS_KEPT = 10;

	/**
	 * How many checkpoints a parcel's history keeps, the latest by carrier time: a parcel that
	 * changes status more often than this (a long return-to-sender loop) loses its oldest scans.
	 */
	static final int CHECKPOINTS_KEPT = 50;

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	OrderStatusProjection(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** One write of the view: an update of the view of an order, created if need be ({@code upsert}). */
	record Write(Query query, Update update, boolean upsert) {

	}

	/**
	 * The writes that apply an event, in order; none for an event the view does not show.
	 *
	 * @throws PoisonMessageException for an event the view can never apply (an id that cannot be a key
	 * of the view's maps): retrying it would only hold up its partition. An event without its event or
	 * order id never gets here: it is unreadable ({@code CloudEventDeserializer}).
	 */
	List<Write> writesFor(Object event) {
		var update = updateFor(event);
		if (update == null) {
			return List.of();
		}
		var applied = (Event) event;
		update.set("updatedAt", clock.instant());
		AppliedEvents.markApplied(update, applied.eventId());
		var own = new Write(Query.query(Criteria.where("_id").is(applied.orderId())
			.andOperator(AppliedEvents.notApplied(applied.eventId()))), update, true);
		// after the event's own update, so that the view exists; a redelivery writes it again and it adds nothing
		return event instanceof ShipmentStatusChanged changed && changed.checkpoint() != null
				? List.of(own, checkpoint(changed)) : List.of(own);
	}

	/**
	 * Sends writes (of one event or of a batch of them) as one bulk write, which MongoDB carries out in
	 * their order. Unordered, so that the upsert of an event applied already, which fails (its insert
	 * collides with the view that holds it), does not stop the writes after it; such failures are the
	 * redelivery absorbed, any other fails the whole.
	 */
	Mono<Void> write(List<Write> writes) {
		if (writes.isEmpty()) {
			return Mono.empty();
		}
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, OrderStatusView.class);
		for (var write : writes) {
			if (write.upsert()) {
				bulk.upsert(write.query(), write.update());
			}
			else {
				bulk.updateOne(write.query(), write.update());
			}
		}
		return DuplicateWrites.outcomes(bulk.execute(), writes.size()).doOnNext(written -> {
			var applied = written.stream().filter(wrote -> !wrote).count();
			if (applied > 0) {
				log.debug("{} of {} writes were of events applied to the order status already", applied, writes.size());
			}
		}).then();
	}

	private Update updateFor(Object event) {
		if (event instanceof ShipmentRegistered e) {
			var at = "shipments." + key("shipmentId", e.shipmentId());
			return new Update().set(at + ".shipmentId", e.shipmentId())
				.set(at + ".carrier", e.carrier())
				.set(at + ".trackingNumber", e.trackingNumber())
				.set(at + ".direction", e.direction())
				.setOnInsert(at + ".status", TrackingStatus.PENDING)
				.set(at + ".updatedAt", e.occurredAt());
		}
		if (event instanceof ShipmentStatusChanged e) {
			var at = "shipments." + key("shipmentId", e.shipmentId());
			var update = new Update().set(at + ".shipmentId", e.shipmentId())
				.set(at + ".carrier", e.carrier())
				.set(at + ".trackingNumber", e.trackingNumber())
				.set(at + ".direction", e.direction())
				.set(at + ".status", e.status())
				.set(at + ".lastCheckpoint", e.checkpoint())
				.set(at + ".promiseState", e.promiseState())
				.set(at + ".updatedAt", e.occurredAt());
			return e.estimatedDelivery() == null ? update : update.set(at + ".estimatedDelivery", e.estimatedDelivery());
		}
		if (event instanceof DeliveryEstimateRevised e) {
			var at = "shipments." + key("shipmentId", e.shipmentId());
			return new Update().set(at + ".shipmentId", e.shipmentId())
				.set(at + ".carrier", e.carrier())
				.set(at + ".estimatedDelivery", e.estimatedDelivery())
				.set(at + ".promiseState", e.promiseState())
				.set(at + ".updatedAt", e.occurredAt());
		}
		if (event instanceof ShipmentDelivered e) {
			var at = "shipments." + key("shipmentId", e.shipmentId());
			return new Update().set(at + ".shipmentId", e.shipmentId())
				.set(at + ".carrier", e.carrier())
				.set(at + ".direction", e.direction())
				.set(at + ".status", TrackingStatus.DELIVERED)
				.set(at + ".deliveredAt", e.deliveredAt())
				.set(at + ".promiseState", e.promiseState())
				.set(at + ".updatedAt", e.occurredAt());
		}
		if (event instanceof DeliveryExceptionRaised e) {
			var at = "exceptions." + key("exceptionId", e.exceptionId());
			return new Update().set(at + ".exceptionId", e.exceptionId())
				.set(at + ".shipmentId", e.shipmentId())
				.set(at + ".carrier", e.carrier())
				.set(at + ".kind", e.kind())
				.set(at + ".reason", e.reason())
				.set(at + ".detail", e.detail())
				.set(at + ".newEstimate", e.newEstimate())
				.set(at + ".raisedAt", e.occurredAt());
		}
		if (event instanceof DeliveryExceptionResolved e) {
			var at = "exceptions." + key("exceptionId", e.exceptionId());
			return new Update().set(at + ".exceptionId", e.exceptionId())
				.set(at + ".shipmentId", e.shipmentId())
				.set(at + ".carrier", e.carrier())
				.set(at + ".kind", e.kind())
				.set(at + ".raisedAt", e.raisedAt())
				.set(at + ".resolvedAt", e.occurredAt())
				.set(at + ".resolution", e.resolution());
		}
		if (event instanceof ReturnRequested e) {
			return returnState(e.returnId(), ReturnState.REQUESTED, e).set("returns." + e.returnId() + ".outcome", e.outcome())
				.set("returns." + e.returnId() + ".method", e.method());
		}
		if (event instanceof ReturnApproved e) {
			var update = returnState(e.returnId(), ReturnState.APPROVED, e);
			return e.label() == null ? update
					: update.set("returns." + e.returnId() + ".returnTrackingNumber", e.label().trackingNumber());
		}
		if (event instanceof ReturnRejected e) {
			return returnState(e.returnId(), ReturnState.REJECTED, e);
		}
		if (event instanceof ReturnReceived e) {
			return returnState(e.returnId(), ReturnState.RECEIVED, e);
		}
		if (event instanceof RefundIssued e) {
			return returnState(e.returnId(), ReturnState.REFUNDED, e).set("returns." + e.returnId() + ".refunded", e.amount());
		}
		if (event instanceof ExchangeRequested e) {
			return returnState(e.returnId(), ReturnState.EXCHANGE_REQUESTED, e);
		}
		if (event instanceof ReturnClosed e) {
			return returnState(e.returnId(), ReturnState.CLOSED, e);
		}
		if (event instanceof NotificationSent e) {
			return notification(new NotificationSummary(e.notificationId(), e.channel(), e.milestone(),
					NotificationOutcome.SENT, e.template(), e.occurredAt()));
		}
		if (event instanceof NotificationFailed e) {
			return notification(new NotificationSummary(e.notificationId(), e.channel(), e.milestone(),
					NotificationOutcome.FAILED, e.errorCode(), e.occurredAt()));
		}
		if (event instanceof NotificationSuppressed e) {
			return notification(new NotificationSummary(e.notificationId(), e.channel(), e.milestone(),
					NotificationOutcome.SUPPRESSED, e.reason() == null ? null : e.reason().name(), e.occurredAt()));
		}
		if (event instanceof NotificationEngaged e) {
			if (e.engagement() == null) {
				throw new PoisonMessageException("NotificationEngaged without engagement");
			}
			return notification(new NotificationSummary(e.notificationId(), e.channel(), null,
					NotificationOutcome.valueOf(e.engagement().name()), null, e.occurredAt()));
		}
		return null;
	}

	/**
	 * Adds the event's checkpoint to the parcel's history unless the history already holds the same
	 * scan: the condition and the push are one atomic update, sorted by carrier time and cut to the
	 * latest {@value #CHECKPOINTS_KEPT}.
	 */
	private Write checkpoint(ShipmentStatusChanged event) {
		var checkpoint = CheckpointSummary.of(event.checkpoint());
		var place = checkpoint.location();
		var history = "shipments." + key("shipmentId", event.shipmentId()) + ".checkpoints";
		var sameScan = Criteria.where("occurredAt").is(checkpoint.occurredAt())
			.and("status").is(checkpoint.status())
			.and("location.city").is(place == null ? null : place.city())
			.and("location.country").is(place == null ? null : place.country());
		var query = Query.query(Criteria.where("_id").is(event.orderId())
			.norOperator(Criteria.where(history).elemMatch(sameScan)));
		var update = new Update();
		update.push(history).sort(Sort.by("occurredAt")).slice(-CHECKPOINTS_KEPT).each(checkpoint);
		return new Write(query, update, false);
	}

	/**
	 * An id as a key of one of the view's maps (a segment of a field path): one with a dot would
	 * nest the entry wrongly, and MongoDB refuses empty keys, a leading {@code $} and NUL characters.
	 */
	private static String key(String field, String id) {
		if (id == null || id.isEmpty() || id.startsWith("$") || id.indexOf('.') >= 0 || id.indexOf('\u0000') >= 0) {
			throw new PoisonMessageException(field + ": required, without '.', a leading '$' or NUL");
		}
		return id;
	}

	private static Update returnState(String returnId, ReturnState state, Event event) {
		key("returnId", returnId);
		return new Update().set("returns." + returnId + ".returnId", returnId)
			.set("returns." + returnId + ".state", state)
			.set("returns." + returnId + ".updatedAt", event.occurredAt());
	}

	private static Update notification(NotificationSummary summary) {
		var update = new Update();
		update.push("notifications").slice(-NOTIFICATIONS_KEPT).each(summary);
		return update;
	}

}
