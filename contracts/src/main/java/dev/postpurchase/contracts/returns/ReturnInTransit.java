package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** The carrier has the return parcel: its first scan. */
public record ReturnInTransit(UUID eventId, String orderId, Instant occurredAt, String returnId, String carrier,
		String trackingNumber) implements Event {

	public static final String TYPE = "dev.postpurchase.return.in-transit.v1";

}
