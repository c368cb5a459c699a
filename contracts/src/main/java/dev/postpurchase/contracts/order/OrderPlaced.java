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
 * promise (tracking), and the payment (refunds).
 *
 * @param payment how the order was paid, when the platform told: what returns-service refunds against
 * @param replacementFor set on the replacement order of an exchange; absent on an original order
 */
public record OrderPlaced(UUID eventId, String orderId, Instant occurredAt, String source, String externalOrderId,
		SalesChannel salesChannel, Customer customer, List<OrderLine> lines, Money total, Address shippingAddress,
		DeliveryPromise promise, Instant placedAt, Payment payment, ReplacementOf replacementFor) implements Event {

	public static final String TYPE = "dev.postpurchase.order.placed.v1";

	/** An original order with no payment told: the components before payment and replacementFor were added. */
	public OrderPlaced(UUID eventId, String orderId, Instant occurredAt, String source, String externalOrderId,
			SalesChannel salesChannel, Customer customer, List<OrderLine> lines, Money total, Address shippingAddress,
			DeliveryPromise promise, Instant placedAt) {
		this(eventId, orderId, occurredAt, source, externalOrderId, salesChannel, customer, lines, total,
				shippingAddress, promise, placedAt, null, null);
	}

}
