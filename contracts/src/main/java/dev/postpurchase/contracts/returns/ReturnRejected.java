package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** A return was rejected; {@code rule} names the policy rule or {@code AGENT}. */
public record ReturnRejected(UUID eventId, String orderId, Instant occurredAt, String returnId, String customerId,
		String rule, String reason, String rejectedBy) implements Event {

	public static final String TYPE = "dev.postpurchase.return.rejected.v1";

}
