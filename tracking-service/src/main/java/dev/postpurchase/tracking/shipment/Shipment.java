package dev.postpurchase.tracking.shipment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.exception.Severity;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.DeliveryEstimateRevised;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ExceptionReason;
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
 * <p>
 * Its delivery exceptions live here too, so raising or resolving one and the event announcing it are
 * one single-document write guarded by the version: at most one open exception per kind, and two
 * instances racing to raise the same one cannot both succeed. Exceptions from carrier events are
 * decided in {@link #track}; time-driven ones ({@code tracking.exception}) through {@link #raise},
 * which also keeps {@link #nextCheckAt()}, the earliest time a time rule could fire.
 * <p>
 * A return parcel ({@link Direction#RETURN}, registered from returns-service's ReturnLabelIssued)
 * comes back from the customer to the warehouse: nothing was promised to the customer about it, so
 * it has no promise and no promise state, publishes no DeliveryEstimateRevised (an event about the
 * promise, which does not say the direction) and raises no delivery exceptions (see {@link #raise}).
 * Its status changes and its delivery are published like any parcel's, with the direction and the
 * {@code returnId}, so consumers tell it from the customer's delivery.
 */
@Document(Shipment.COLLECTION)
public class Shipment {

	public static final String COLLECTION = "shipments";

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

	/** Resolved exceptions kept for the record (open ones are always kept). */
	static final int RESOLVED_KEPT = 50;

	/** The automatic resolver's name in DeliveryExceptionResolved. */
	public static final String RESOLVED_AUTOMATICALLY = "tracking-service";

	private final List<DeliveryException> exceptions;

	private Instant nextCheckAt;

	Shipment(String id, Long version, String shipmentId, String orderId, String carrier, String trackingNumber,
			Direction direction, String returnId, DeliveryPromise promise, SalesChannel salesChannel,
			TrackingStatus status, String subStatus, PromiseState promiseState, Instant estimatedDelivery,
			Instant deliveredAt, Instant lastCheckpointAt, Instant registeredAt, Instant updatedAt,
			List<Checkpoint> checkpoints, List<OutboxEntry> outbox) {
		this(id, version, shipmentId, orderId, carrier, trackingNumber, direction, returnId, promise, salesChannel,
				status, subStatus, promiseState, estimatedDelivery, deliveredAt, lastCheckpointAt, registeredAt,
				updatedAt, checkpoints, outbox, null, null);
	}

	@PersistenceCreator
	Shipment(String id, Long version, String shipmentId, String orderId, String carrier, String trackingNumber,
			Direction direction, String returnId, DeliveryPromise promise, SalesChannel salesChannel,
			TrackingStatus status, String subStatus, PromiseState promiseState, Instant estimatedDelivery,
			Instant deliveredAt, Instant lastCheckpointAt, Instant registeredAt, Instant updatedAt,
			List<Checkpoint> checkpoints, List<OutboxEntry> outbox, List<DeliveryException> exceptions,
			Instant nextCheckAt) {
		this.exceptions = exceptions == null ? new ArrayList<>() : new ArrayList<>(exceptions);
		this.nextCheckAt = nextCheckAt;
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
				registration.salesChannel(), TrackingStatus.PENDING, null, null, null, null, null, now, now, null, null);
		shipment.promiseState = shipment.promiseStateAt(now);
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
	/**
	 * The version a versioned write of this shipment expects to find, moving the shipment to the next
	 * one (what Spring Data's save does; for a bulk write, which does not).
	 */
	long nextVersion() {
		var expected = this.version;
		this.version = expected + 1;
		return expected;
	}

	boolean track(Checkpoint checkpoint, Instant estimate, Clock clock) {
		var now = now(clock);
		var changed = false;
		var added = false;
		if (checkpoint != null && checkpoints.stream().noneMatch(known -> sameScan(known, checkpoint))) {
			checkpoints.add(checkpoint);
			checkpoints.sort(Comparator.comparing(Checkpoint::occurredAt));
			lastCheckpointAt = checkpoints.get(checkpoints.size() - 1).occurredAt();
			changed = true;
			added = true;
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
		var decidedBy = added && checkpoint.equals(deciding) ? checkpoint : null;
		if (added) {
			resolveOnScan(checkpoint, decidedBy, now);
		}
		promiseState = promiseStateAt(now);
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
		if (estimateRevised && !isReturn()) {
			record(new DeliveryEstimateRevised(UUID.randomUUID(), orderId, now, shipmentId, carrier, previousEstimate,
					estimatedDelivery, promise, promiseState));
		}
		if (decidedBy != null) {
			raiseOnScan(decidedBy, now);
		}
		return true;
	}

	/**
	 * What a new scan ends: any scan newer than the rest ends a stall or the wait for a first scan; a
	 * scan that decides the status ends everything when delivered or returned to sender, and ends a
	 * failed attempt, carrier exception or pickup wait when the parcel moves on.
	 */
	private void resolveOnScan(Checkpoint scan, Checkpoint decidedBy, Instant now) {
		if (decidedBy != null) {
			resolveOnStatus(decidedBy, now);
		}
		if (scan.occurredAt().equals(lastCheckpointAt)) {
			resolveOpen(kind -> kind == ExceptionKind.STALLED || kind == ExceptionKind.NO_INFO,
					Resolution.SCANS_RESUMED, now);
		}
	}

	private void resolveOnStatus(Checkpoint decidedBy, Instant now) {
		switch (decidedBy.status()) {
			case DELIVERED -> resolveOpen(kind -> true, Resolution.DELIVERED, now);
			case EXCEPTION -> {
				if (decidedBy.reason() == ExceptionReason.RETURNED_TO_SENDER) {
					resolveOpen(kind -> true, Resolution.RETURNED_TO_SENDER, now);
				}
			}
			case ATTEMPT_FAIL, EXPIRED -> {
			}
			case AVAILABLE_FOR_PICKUP -> resolveOpen(
					kind -> kind == ExceptionKind.FAILED_ATTEMPT || kind == ExceptionKind.CARRIER_EXCEPTION,
					Resolution.SCANS_RESUMED, now);
			default -> resolveOpen(kind -> kind == ExceptionKind.FAILED_ATTEMPT
					|| kind == ExceptionKind.CARRIER_EXCEPTION || kind == ExceptionKind.PICKUP_EXPIRING,
					Resolution.SCANS_RESUMED, now);
		}
	}

	/** What a status-deciding scan raises: a failed attempt, a carrier exception, an expired tracker. */
	private void raiseOnScan(Checkpoint decidedBy, Instant now) {
		var code = decidedBy.subStatus() == null ? "" : " (" + decidedBy.subStatus() + ")";
		switch (decidedBy.status()) {
			case ATTEMPT_FAIL -> raise(ExceptionKind.FAILED_ATTEMPT, decidedBy.reason(), Severity.MEDIUM,
					"Delivery attempt failed" + code, decidedBy.occurredAt(), now);
			case EXCEPTION -> {
				var reason = decidedBy.reason() == null ? ExceptionReason.OTHER : decidedBy.reason();
				var severity = switch (reason) {
					case LOST, DAMAGED, RETURNED_TO_SENDER -> Severity.HIGH;
					default -> Severity.MEDIUM;
				};
				raise(ExceptionKind.CARRIER_EXCEPTION, reason, severity, "Carrier exception " + reason + code,
						decidedBy.occurredAt(), now);
			}
			case EXPIRED -> raise(ExceptionKind.EXPIRED, null, Severity.MEDIUM,
					"The tracker stopped tracking before delivery" + code, decidedBy.occurredAt(), now);
			default -> {
			}
		}
	}

	/**
	 * Raises an exception unless one of that kind is open, and publishes DeliveryExceptionRaised with
	 * the promise state it leaves (a stall puts the promise at risk, a passed promise makes it late).
	 * A return parcel raises none: a delivery exception is the customer's delivery problem (consumers
	 * tell the customer their order is late or in trouble, and the event does not say the direction),
	 * while a return parcel the carrier loses or delays is a matter for returns and ops, visible in
	 * its ShipmentStatusChanged ({@code direction: RETURN}, the carrier's status and reason).
	 *
	 * @param since when the condition began (the scan, the last scan before a stall, the promise
	 * passing): the time rules raise once per {@code since}
	 * @return the raised exception, empty when one of that kind is already open
	 */
	public Optional<DeliveryException> raise(ExceptionKind kind, ExceptionReason reason, Severity severity,
			String detail, Instant since, Clock clock) {
		return raise(kind, reason, severity, detail, since, now(clock));
	}

	private Optional<DeliveryException> raise(ExceptionKind kind, ExceptionReason reason, Severity severity,
			String detail, Instant since, Instant now) {
		if (isReturn() || hasOpen(kind)) {
			return Optional.empty();
		}
		var raised = new DeliveryException("exc_" + UUID.randomUUID().toString().replace("-", ""), kind, reason,
				severity, detail, since, now, null, null, null, null);
		exceptions.add(raised);
		promiseState = promiseStateAt(now);
		updatedAt = now;
		record(new DeliveryExceptionRaised(UUID.randomUUID(), orderId, now, raised.exceptionId(), shipmentId, carrier,
				kind, reason, detail, promise, estimatedDelivery, severity, promiseState));
		return Optional.of(raised);
	}

	/**
	 * Resolves an open exception, publishing DeliveryExceptionResolved with who resolved it and how
	 * long it was open.
	 *
	 * @return the resolved exception; empty when this shipment has no such open exception
	 */
	public Optional<DeliveryException> resolve(String exceptionId, Resolution resolution, String resolvedBy,
			String note, Clock clock) {
		var now = now(clock);
		for (int i = 0; i < exceptions.size(); i++) {
			var exception = exceptions.get(i);
			if (exception.exceptionId().equals(exceptionId) && exception.isOpen()) {
				var resolved = resolve(i, resolution, resolvedBy, note, now);
				promiseState = promiseStateAt(now);
				trimHistory();
				return Optional.of(resolved);
			}
		}
		return Optional.empty();
	}

	private void resolveOpen(Predicate<ExceptionKind> kinds, Resolution resolution, Instant now) {
		for (int i = 0; i < exceptions.size(); i++) {
			var exception = exceptions.get(i);
			if (exception.isOpen() && kinds.test(exception.kind())) {
				resolve(i, resolution, RESOLVED_AUTOMATICALLY, null, now);
			}
		}
		trimHistory();
	}

	private DeliveryException resolve(int index, Resolution resolution, String resolvedBy, String note, Instant now) {
		var open = exceptions.get(index);
		var resolved = new DeliveryException(open.exceptionId(), open.kind(), open.reason(), open.severity(),
				open.detail(), open.since(), open.raisedAt(), now, resolution, resolvedBy, note);
		exceptions.set(index, resolved);
		updatedAt = now;
		var openSeconds = Math.max(0, java.time.Duration.between(open.raisedAt(), now).getSeconds());
		record(new DeliveryExceptionResolved(UUID.randomUUID(), orderId, now, open.exceptionId(), shipmentId, carrier,
				open.kind(), resolution, open.raisedAt(), openSeconds, resolvedBy));
		return resolved;
	}

	/** Keeps the open exceptions and the latest {@value #RESOLVED_KEPT} resolved ones. */
	private void trimHistory() {
		var resolved = exceptions.stream().filter(exception -> !exception.isOpen()).count();
		var iterator = exceptions.iterator();
		while (resolved > RESOLVED_KEPT && iterator.hasNext()) {
			if (!iterator.next().isOpen()) {
				iterator.remove();
				resolved--;
			}
		}
	}

	/**
	 * The promise state now: measured against the promise once delivered or while open (a stall puts
	 * it at risk); none for a return parcel, which was promised nothing.
	 */
	private PromiseState promiseStateAt(Instant now) {
		if (isReturn()) {
			return null;
		}
		return deliveredAt != null ? PromiseRules.delivered(promise, deliveredAt)
				: PromiseRules.open(promise, estimatedDelivery, hasOpen(ExceptionKind.STALLED), now);
	}

	/** A parcel coming back from the customer (no promise, no delivery exceptions). */
	public boolean isReturn() {
		return direction == Direction.RETURN;
	}

	public boolean hasOpen(ExceptionKind kind) {
		return exceptions.stream().anyMatch(exception -> exception.isOpen() && exception.kind() == kind);
	}

	/** An exception of this shipment by id, open or resolved. */
	public Optional<DeliveryException> exception(String exceptionId) {
		return exceptions.stream().filter(exception -> exception.exceptionId().equals(exceptionId)).findFirst();
	}

	/** Its exceptions, open and recently resolved, in the order they were raised. */
	public List<DeliveryException> exceptions() {
		return List.copyOf(exceptions);
	}

	/** The earliest time a time rule could raise an exception; null when none can (for example delivered). */
	public Instant nextCheckAt() {
		return nextCheckAt;
	}

	/** Set before every save by {@code tracking.exception}, which knows the time rules and their settings. */
	public void scheduleNextCheck(Instant at) {
		nextCheckAt = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A delivery exception of this shipment: open while {@code resolvedAt} is null.
	 *
	 * @param since when the condition began; the time rules raise once per kind and {@code since}
	 * @param note an agent's note when an agent resolved it
	 */
	public record DeliveryException(String exceptionId, ExceptionKind kind, ExceptionReason reason, Severity severity,
			String detail, Instant since, Instant raisedAt, Instant resolvedAt, Resolution resolution,
			String resolvedBy, String note) {

		public boolean isOpen() {
			return resolvedAt == null;
		}

	}

	/**
	 * The same carrier scan, even when a feed later enriches it (a corrected location or message): the
	 * carrier's time, status and sub-status identify a scan.
	 */
	private static boolean sameScan(Checkpoint known, Checkpoint candidate) {
		return known.occurredAt().equals(candidate.occurredAt()) && known.status() == candidate.status()
				&& Objects.equals(known.subStatus(), candidate.subStatus());
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
