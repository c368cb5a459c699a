package dev.postpurchase.contracts.exception;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** A delivery exception ended; {@code raisedAt} gives the resolution time. */
public record DeliveryExceptionResolved(UUID eventId, String orderId, Instant occurredAt, String exceptionId,
		String shipmentId, String carrier, ExceptionKind kind, Resolution resolution, Instant raisedAt,
		String resolvedBy) implements Event {

	public static final String TYPE = "dev.postpurchase.delivery-exception.resolved.v1";

	/** How the exception ended. */
	public enum Resolution {

		DELIVERED, BACK_ON_TRACK, RESOLVED_BY_AGENT, RETURNED_TO_SENDER, CANCELLED

	}

}
