package dev.postpurchase.contracts.order;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** The platform confirmed the order (paid, accepted for fulfillment). */
public record OrderConfirmed(UUID eventId, String orderId, Instant occurredAt) implements Event {

	public static final String TYPE = "dev.postpurchase.order.confirmed.v1";

}
