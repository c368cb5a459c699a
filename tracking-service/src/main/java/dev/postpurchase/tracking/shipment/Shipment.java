package dev.postpurchase.tracking.shipment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.DeliveryEstimateRevised;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.outbox.OutboxEntry;

/**
 * A parcel followed against the promise made to the customer: its whole checkpoint history in
 * carrier time order, the status derived from it ({@link StatusRules}), the promise state
 * ({@link PromiseRules}), and the events it still has to publish. No personal data: the order id
 * and the promise are all it knows of the customer.
 */
@Document("shipments")
public class Shipment {

	@Id
	private final String id;

	@Version
	private Long version;

	private final String shipmentId;

	private final String orderId;

	private final String carrier;

	private final String trackingNumber;

	private final Direction direction;

	private final String returnId;

	private final DeliveryPromise promise;

	private final SalesChannel salesChannel;

	private TrackingStatus status;

	private String subStatus;

	private PromiseState promiseState;

	private Instant estimatedDelivery;

	private Instant deliveredAt;

	private Instant lastCheckpointAt;

	private final Instant registeredAt;

	private Instant updatedAt;

	private final List<Checkpoint> checkpoints;

	private final List<OutboxEntry> outbox;

	@PersistenceCreator
	Shipment(String id, Long version, String shipmentId, String orderId, String carrier, String trackingNumber,
			Direction direction, String returnId, DeliveryPromise promise, SalesChannel salesChannel,
			TrackingStatus status, String subStatus, PromiseState promiseState, Instant estimatedDelivery,
			Instant deliveredAt, Instant lastCheckpointAt, Instant registeredAt, Instant updatedAt,
			List<Checkpoint> checkpoints, List<OutboxEntry> outbox) {
		this.id = id;
		this.version = version;
		this.shipmentId = shipmentId;
		this.orderId = orderId;
		this.carrier = carrier;
		this.trackingNumber = trackingNumber;
		this.direction = direction;
		this.returnId = returnId;
		this.promise = promise;
		this.salesChannel = salesChannel;
		this.status = status;
		this.subStatus = subStatus;
		this.promiseState = promiseState;
		this.estimatedDelivery = estimatedDelivery;
		this.deliveredAt = deliveredAt;
		this.lastCheckpointAt = lastCheckpointAt;
		this.registeredAt = registeredAt;
		this.updatedAt = updatedAt;
		this.checkpoints = checkpoints == null ? new ArrayList<>() : new ArrayList<>(checkpoints);
		this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
	}

	/** A newly followed parcel; publishes ShipmentRegistered. */
	static Shipment register(ShipmentKey key, Registration registration, Clock clock) {
		var now = now(clock);
		var shipmentId = registration.shipmentId() != null ? registration.shipmentId()
				: "shp_" + UUID.randomUUID().toString().replace("-", "");
		var direction = registration.direction() == null ? Direction.OUTBOUND : registration.direction();
		var shipment = new Shipment(key.id(), null, shipmentId, registration.orderId(), key.carrier(),
				key.trackingNumber(), direction, registration.returnId(), registration.promise(),
				registration.salesChannel(), TrackingStatus.PENDING, null,
				PromiseRules.open(registration.promise(), null, false, now), null, null, null, now, now, null, null);
		shipment.record(new ShipmentRegistered(UUID.randomUUID(), registration.orderId(), now, shipmentId, key.carrier(),
				key.trackingNumber(), direction, registration.returnId(), registration.promise(),
				registration.salesChannel()));
		return shipment;
	}

	/**
	 * Adds a carrier checkpoint and the carrier's estimate. A checkpoint already in the history
	 * changes nothing; a late one joins the history in time order; the status and promise state are
	 * derived again from the whole history, and an event is published only for a real change.
	 *
	 * @return whether anything changed
	 */
	boolean track(Checkpoint checkpoint, Instant estimate, Clock clock) {
		var now = now(clock);
		var changed = false;
		if (checkpoint != null && !checkpoints.contains(checkpoint)) {
			checkpoints.add(checkpoint);
			checkpoints.sort(Comparator.comparing(Checkpoint::occurredAt));
			lastCheckpointAt = checkpoints.get(checkpoints.size() - 1).occurredAt();
			changed = true;
		}
		var deciding = StatusRules.deciding(checkpoints);
		var newStatus = deciding == null ? TrackingStatus.PENDING : deciding.status();
		var previousEstimate = estimatedDelivery;
		var estimateRevised = estimate != null && newStatus != TrackingStatus.DELIVERED
				&& !estimate.equals(estimatedDelivery);
		if (estimateRevised) {
			estimatedDelivery = estimate;
			changed = true;
		}
		if (!changed) {
			return false;
		}
		var previousStatus = status;
		deliveredAt = newStatus == TrackingStatus.DELIVERED ? deciding.occurredAt() : null;
		promiseState = deliveredAt != null ? PromiseRules.delivered(promise, deliveredAt)
				: PromiseRules.open(promise, estimatedDelivery, false, now);
		updatedAt = now;
		if (newStatus != previousStatus) {
			status = newStatus;
			subStatus = deciding.subStatus();
			record(new ShipmentStatusChanged(UUID.randomUUID(), orderId, now, shipmentId, carrier, trackingNumber,
					direction, returnId, previousStatus, newStatus, deciding, promiseState, estimatedDelivery));
			if (newStatus == TrackingStatus.DELIVERED) {
				record(new ShipmentDelivered(UUID.randomUUID(), orderId, now, shipmentId, carrier, direction, returnId,
						deliveredAt, promise, promiseState, salesChannel));
			}
		}
		if (estimateRevised) {
			record(new DeliveryEstimateRevised(UUID.randomUUID(), orderId, now, shipmentId, carrier, previousEstimate,
					estimatedDelivery, promise, promiseState));
		}
		return true;
	}

	private void record(Event event) {
		outbox.add(OutboxEntry.of(event));
	}

	/** MongoDB keeps milliseconds: the time an event tells is the time the shipment keeps. */
	private static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	public ShipmentKey key() {
		return new ShipmentKey(carrier, trackingNumber);
	}

	public String shipmentId() {
		return shipmentId;
	}

	public String orderId() {
		return orderId;
	}

	public String carrier() {
		return carrier;
	}

	public String trackingNumber() {
		return trackingNumber;
	}

	public Direction direction() {
		return direction;
	}

	public String returnId() {
		return returnId;
	}

	public DeliveryPromise promise() {
		return promise;
	}

	public SalesChannel salesChannel() {
		return salesChannel;
	}

	public TrackingStatus status() {
		return status;
	}

	public String subStatus() {
		return subStatus;
	}

	public PromiseState promiseState() {
		return promiseState;
	}

	public Instant estimatedDelivery() {
		return estimatedDelivery;
	}

	public Instant deliveredAt() {
		return deliveredAt;
	}

	public Instant lastCheckpointAt() {
		return lastCheckpointAt;
	}

	public Instant registeredAt() {
		return registeredAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public List<Checkpoint> checkpoints() {
		return List.copyOf(checkpoints);
	}

	/** Events not yet confirmed published (kept until the relay removes them). */
	public List<OutboxEntry> outbox() {
		return List.copyOf(outbox);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Shipment that && Objects.equals(id, that.id);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(id);
	}

}
