package dev.postpurchase.contracts.shipment;

import java.time.Instant;

/**
 * One carrier scan, normalized: the carrier's own event time in UTC, the status and sub-status it
 * reported, and where.
 *
 * @param subStatus the tracker's sub-status code, for example {@code InTransit_003}
 */
public record Checkpoint(Instant occurredAt, TrackingStatus status, String subStatus, ExceptionReason reason,
		String message, Location location) {

}
