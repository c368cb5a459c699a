package dev.postpurchase.contracts.erasure;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * GDPR erasure: every service forgets the customer's personal data. Not about one order, so
 * {@code orderId} is null and the record key is the customer id.
 */
public record CustomerErasureRequested(UUID eventId, String orderId, Instant occurredAt, String customerId,
		String requestedBy) implements Event {

	public static final String TYPE = "dev.postpurchase.customer.erasure-requested.v1";

	@Override
	public String key() {
		return customerId;
	}

}
