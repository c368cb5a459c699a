package dev.postpurchase.order.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;

/**
 * What the other services reported about an order, kept by {@link OrderStatusProjection} from their
 * events: shipments by id, delivery exceptions by id, returns by id, and the last notifications.
 */
@Document("order_status")
public record OrderStatusView(@Id String orderId, Map<String, ShipmentSummary> shipments,
		Map<String, ExceptionSummary> exceptions, Map<String, ReturnSummary> returns,
		List<NotificationSummary> notifications, Instant updatedAt) {

	/**
	 * A parcel's latest state, and its history: the checkpoints that changed its status, oldest first,
	 * one per scan, at most {@link OrderStatusProjection#CHECKPOINTS_KEPT} (the latest by carrier time).
	 */
	public record ShipmentSummary(String shipmentId, String carrier, String trackingNumber, Direction direction,
			TrackingStatus status, Checkpoint lastCheckpoint, PromiseState promiseState, Instant estimatedDelivery,
			Instant deliveredAt, Instant updatedAt, List<CheckpointSummary> checkpoints) {
	}

	/**
	 * A carrier scan as the order's history keeps it: the carrier's time (UTC), status, sub-status and
	 * reason codes, the carrier's own text and the place. The place is a depot or city; its postal code
	 * is left out, as the delivery scan's postal code is the customer's.
	 */
	public record CheckpointSummary(Instant occurredAt, TrackingStatus status, String subStatus,
			ExceptionReason reason, String message, Place location) {

		/** The scan of a carrier checkpoint, without the postal code. */
		public static CheckpointSummary of(Checkpoint checkpoint) {
			var location = checkpoint.location();
			return new CheckpointSummary(checkpoint.occurredAt(), checkpoint.status(), checkpoint.subStatus(),
					checkpoint.reason(), checkpoint.message(),
					location == null ? null : new Place(location.city(), location.country(), location.timeZone()));
		}

	}

	/**
	 * Where a scan happened: city, country (as the carrier reports it) and the IANA zone when known.
	 */
	public record Place(String city, String country, String timeZone) {
	}

	/** A delivery exception, open while {@code resolvedAt} is null. */
	public record ExceptionSummary(String exceptionId, String shipmentId, String carrier, ExceptionKind kind,
			ExceptionReason reason, String detail, Instant newEstimate, Instant raisedAt, Instant resolvedAt,
			Resolution resolution) {
	}

	/** A return's latest state. */
	public record ReturnSummary(String returnId, ReturnState state, ReturnOutcome outcome, ReturnMethod method,
			String returnTrackingNumber, Money refunded, Instant updatedAt) {
	}

	/** Where a return stands, as far as its events tell. */
	public enum ReturnState {

		REQUESTED, APPROVED, REJECTED, RECEIVED, REFUNDED, EXCHANGE_REQUESTED, CLOSED

	}

	/** One message sent, failed or suppressed. */
	public record NotificationSummary(String notificationId, Channel channel, Milestone milestone, NotificationOutcome outcome,
			String detail, Instant at) {
	}

	/** What happened to a notification. */
	public enum NotificationOutcome {

		SENT, FAILED, SUPPRESSED, DELIVERED, OPENED, CLICKED

	}

}
