package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.order.SalesChannel;

/** A customer or an agent asked to return items of an order. */
public record ReturnRequested(UUID eventId, String orderId, Instant occurredAt, String returnId, String customerId,
		List<ReturnLine> lines, ReturnReason reason, String comment, ReturnOutcome outcome, ReturnMethod method,
		SalesChannel salesChannel) implements Event {

	public static final String TYPE = "dev.postpurchase.return.requested.v1";

}
