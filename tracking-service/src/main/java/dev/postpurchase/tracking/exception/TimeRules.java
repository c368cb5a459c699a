package dev.postpurchase.tracking.exception;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.exception.Severity;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.tracking.shipment.Shipment;

/**
 * The exceptions time raises: LATE once the promise passed, STALLED after a number of business hours
 * without a scan, NO_INFO when the first scan does not come, PICKUP_EXPIRING before a pickup point's
 * hold ends. Each fires once per condition (its {@code since}): an exception an agent resolved is not
 * raised again until the condition starts anew (a new stall after new scans, a new pickup).
 */
@Component
class TimeRules {

	private final ExceptionSettings settings;

	TimeRules(ExceptionSettings settings) {
		this.settings = settings;
	}

	/** A time rule that will fire at {@code at} unless the shipment changes first. */
	record Due(ExceptionKind kind, Instant at, Instant since, Severity severity, String detail) {

	}

	/** The earliest time any rule could fire; null when none can. */
	Instant nextCheck(Shipment shipment) {
		return pending(shipment).stream().map(Due::at).min(Comparator.naturalOrder()).orElse(null);
	}

	/**
	 * Raises what is due at {@code now} on the shipment (not saved).
	 *
	 * @return the kinds raised
	 */
	List<ExceptionKind> raiseDue(Shipment shipment, Instant now, Clock clock) {
		var raised = new ArrayList<ExceptionKind>();
		for (var due : pending(shipment)) {
			if (!due.at().isAfter(now)
					&& shipment.raise(due.kind(), null, due.severity(), due.detail(), due.since(), clock).isPresent()) {
				raised.add(due.kind());
			}
		}
		return raised;
	}

	/**
	 * The rules that still can fire: their condition holds and they have not fired for it. None for a
	 * return parcel: nothing was promised about it, and a return dropped off late or stuck at the
	 * carrier is not the customer's delivery problem (its shipment would not raise it anyway), so it
	 * gets no {@code nextCheckAt} and the checker never reads it.
	 */
	List<Due> pending(Shipment shipment) {
		if (shipment.isReturn() || shipment.deliveredAt() != null || shipment.status() == TrackingStatus.DELIVERED) {
			return List.of();
		}
		var candidates = new ArrayList<Due>();
		var promise = shipment.promise();
		if (promise != null && promise.by() != null) {
			// late once the promise has passed, as PromiseRules says: strictly after its end
			candidates.add(new Due(ExceptionKind.LATE, promise.by().plusMillis(1), promise.by(), Severity.HIGH,
					"Not delivered by the promised " + promise.by()));
		}
		var last = shipment.lastCheckpointAt();
		if (last == null) {
			candidates.add(new Due(ExceptionKind.NO_INFO, shipment.registeredAt().plus(settings.noInfoAfter()),
					shipment.registeredAt(), Severity.LOW, "No carrier scan since registration"));
		}
		else if (stallsIn(shipment.status())) {
			var stalledAt = new BusinessHours(zoneOf(shipment), settings.holidays()).plus(last, settings.stallAfter());
			if (stalledAt != null) {
				candidates.add(new Due(ExceptionKind.STALLED, stalledAt, last, Severity.MEDIUM,
						"No carrier scan for " + settings.stallAfter().toHours() + " business hours"));
			}
		}
		if (shipment.status() == TrackingStatus.AVAILABLE_FOR_PICKUP) {
			var arrived = arrivedForPickup(shipment.checkpoints());
			if (arrived != null) {
				var holdEnds = arrived.plus(settings.pickupHold());
				candidates.add(new Due(ExceptionKind.PICKUP_EXPIRING, holdEnds.minus(settings.pickupWarnBefore()),
						arrived, Severity.MEDIUM, "Uncollected; the pickup point holds it until " + holdEnds));
			}
		}
		return candidates.stream()
			.filter(due -> !shipment.hasOpen(due.kind()))
			.filter(due -> shipment.exceptions()
				.stream()
				.noneMatch(raised -> raised.kind() == due.kind() && Objects.equals(raised.since(), due.since())))
			.toList();
	}

	/** A parcel waiting at a pickup point or tracked no more does not stall; one still moving does. */
	private static boolean stallsIn(TrackingStatus status) {
		return switch (status) {
			case INFO_RECEIVED, IN_TRANSIT, OUT_FOR_DELIVERY, ATTEMPT_FAIL, EXCEPTION -> true;
			default -> false;
		};
	}

	private static Instant arrivedForPickup(List<Checkpoint> timeOrdered) {
		Instant arrived = null;
		for (var checkpoint : timeOrdered) {
			if (checkpoint.status() == TrackingStatus.AVAILABLE_FOR_PICKUP) {
				arrived = checkpoint.occurredAt();
			}
		}
		return arrived;
	}

	/** Weekends are the customer's: the promise's time zone, UTC when there is none. */
	private static ZoneId zoneOf(Shipment shipment) {
		var promise = shipment.promise();
		return promise != null && promise.timeZone() != null ? promise.timeZone() : ZoneOffset.UTC;
	}

}
