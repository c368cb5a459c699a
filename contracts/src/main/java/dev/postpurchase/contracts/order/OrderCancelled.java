package dev.postpurchase.contracts.order;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** The order was cancelled; nothing of it can be returned any more. */
public record OrderCancelled(UUID eventId, String orderId, Instant occurredAt, CancelReason reason)
		implements Event {

	public static final String TYPE = "dev.postpurchase.order.cancelled.v1";

	/** Why an order was cancelled (Shopify's cancel reasons, plus OTHER). */
	public enum CancelReason {

		CUSTOMER, FRAUD, INVENTORY, DECLINED, STAFF, OTHER

	}

}
