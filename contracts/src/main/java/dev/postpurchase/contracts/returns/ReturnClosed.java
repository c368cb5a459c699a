package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** Nothing more will happen to this return. */
public record ReturnClosed(UUID eventId, String orderId, Instant occurredAt, String returnId,
		ReturnOutcome outcome) implements Event {

	public static final String TYPE = "dev.postpurchase.return.closed.v1";

}
