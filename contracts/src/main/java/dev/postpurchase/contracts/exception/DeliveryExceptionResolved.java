package dev.postpurchase.contracts.exception;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * A delivery exception ended.
 *
 * @param raisedAt when the exception was raised
 * @param openSeconds how long it was open, in whole seconds from {@code raisedAt} to
 * {@code occurredAt}: the basis of the resolution-time KPIs
 * @param resolvedBy who resolved it: the agent's subject, or {@code tracking-service} when it
 * resolved automatically
 */
public record DeliveryExceptionResolved(UUID eventId, String orderId, Instant occurredAt, String exceptionId,
		String shipmentId, String carrier, ExceptionKind kind, Resolution resolution, Instant raisedAt,
		long openSeconds, String resolvedBy) implements Event {

	public static final String TYPE = "dev.postpurchase.delivery-exception.resolved.v1";

	/** How the exception ended. */
	public enum Resolution {

		/** The parcel was delivered (automatic). */
		DELIVERED,
		/** The carrier scanned the parcel again after it stalled or had no information (automatic). */
		SCANS_RESUMED,
		/** The carrier reports normal progress again, for example InTransit after an Exception (automatic). */
		BACK_ON_TRACK,
		/** An agent resolved it by hand. */
		RESOLVED_BY_AGENT,
		/** The parcel is going back to the sender. */
		RETURNED_TO_SENDER,
		/** The order or shipment was cancelled. */
		CANCELLED

	}

}
