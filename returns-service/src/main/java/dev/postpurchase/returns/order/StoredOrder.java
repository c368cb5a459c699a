package dev.postpurchase.returns.order;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * The document of an order in {@code orders}, as events built it. A delivery may be known before the
 * order itself: then only the delivery's fields are set, and {@code placedAt} is {@code null}. Also
 * holds the ids of the events applied to it ({@code appliedEvents}, not mapped here).
 *
 * @param timeZone the customer's zone from OrderPlaced, else its promise's
 * @param deliveryTimeZone the zone of the promise a ShipmentDelivered carried, the fallback when
 *        OrderPlaced told none
 */
@Document(Orders.COLLECTION)
record StoredOrder(@Id String orderId, String customerId, SalesChannel salesChannel, String currency,
		List<OrderFacts.Line> lines, Long shippingMinor, Payment payment, String timeZone, String deliveryTimeZone,
		Instant placedAt, Instant deliveredAt, Boolean cancelled, Instant cancelledAt, ReplacementOf replacementFor,
		Instant updatedAt) {

	/** Whether OrderPlaced was seen: only then does the service know the order. */
	boolean placed() {
		return placedAt != null;
	}

	OrderFacts facts() {
		return new OrderFacts(orderId, customerId, salesChannel, currency, lines,
				shippingMinor == null ? 0 : shippingMinor, payment, timeZone != null ? timeZone : deliveryTimeZone,
				placedAt, deliveredAt, Boolean.TRUE.equals(cancelled), cancelledAt, replacementFor);
	}

}
