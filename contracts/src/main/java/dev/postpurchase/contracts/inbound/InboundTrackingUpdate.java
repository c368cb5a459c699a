package dev.postpurchase.contracts.inbound;

import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.TrackingStatus;

/**
 * The canonical tracking update carriers and aggregators send (REST and {@code tracking.inbound}).
 *
 * @param checkpointTime the carrier's ISO-8601 event time; without an offset it is read in the
 *     location's time zone
 * @param estimatedDelivery the carrier's ISO-8601 expected delivery, if it gives one
 */
public record InboundTrackingUpdate(String carrier, String trackingNumber, String checkpointTime,
		TrackingStatus status, String subStatus, ExceptionReason reason, String message, Location location,
		String estimatedDelivery) {

	public static final String TYPE = "dev.postpurchase.inbound.tracking-update.v1";

}
