package dev.postpurchase.contracts.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.Money;

/**
 * A new order was accepted, from any platform. Carries what the downstream services need: the
 * customer's contact data and consents (notifications), the lines (returns), and the delivery
 * promise (tracking).
 */
public record OrderPlaced(UUID eventId, String orderId, Instant occurredAt, String source, String externalOrderId,
		SalesChannel salesChannel, Customer customer, List<OrderLine> lines, Money total, Address shippingAddress,
		DeliveryPromise promise, Instant placedAt) implements Event {

	public static final String TYPE = "dev.postpurchase.order.placed.v1";

}
