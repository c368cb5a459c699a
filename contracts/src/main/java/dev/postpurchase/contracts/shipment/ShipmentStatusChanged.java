package dev.postpurchase.contracts.shipment;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * A shipment's carrier status really changed (never published for a duplicate or out-of-order
 * scan). {@code checkpoint} is the scan that caused it.
 */
public record ShipmentStatusChanged(UUID eventId, String orderId, Instant occurredAt, String shipmentId,
		String carrier, String trackingNumber, Direction direction, String returnId, TrackingStatus previousStatus,
		TrackingStatus status, Checkpoint checkpoint, PromiseState promiseState, Instant estimatedDelivery)
		implements Event {

	public static final String TYPE = "dev.postpurchase.shipment.status-changed.v1";

}
