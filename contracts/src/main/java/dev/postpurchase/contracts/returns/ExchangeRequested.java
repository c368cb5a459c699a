package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** Replacement items must be sent for a received return. */
public record ExchangeRequested(UUID eventId, String orderId, Instant occurredAt, String returnId,
		String customerId, List<ExchangeLine> lines) implements Event {

	public static final String TYPE = "dev.postpurchase.exchange.requested.v1";

	/** Returned sku, the variant to send instead, and how many. */
	public record ExchangeLine(String sku, String newSku, int quantity) {

	}

}
