package dev.postpurchase.contracts.order;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * A support agent logged a customer contact about an order (first-contact resolution and WISMO
 * KPIs are computed from these).
 */
public record SupportContactLogged(UUID eventId, String orderId, Instant occurredAt, String contactId,
		String customerId, ContactChannel channel, ContactReason reason, boolean resolvedOnFirstContact,
		String agentId) implements Event {

	public static final String TYPE = "dev.postpurchase.support.contact-logged.v1";

	/** How the customer reached support. */
	public enum ContactChannel {

		PHONE, EMAIL, CHAT, SOCIAL, OTHER

	}

	/** What the customer asked about; WISMO is "where is my order". */
	public enum ContactReason {

		WISMO, DELIVERY_ISSUE, RETURN, REFUND, PRODUCT, BILLING, OTHER

	}

}
