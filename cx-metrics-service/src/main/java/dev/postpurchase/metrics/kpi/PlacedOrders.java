package dev.postpurchase.metrics.kpi;

import java.time.Instant;

import dev.postpurchase.contracts.order.OrderPlaced;

/** What every section that counts orders needs of an OrderPlaced, checked the same way. */
public final class PlacedOrders {

	private PlacedOrders() {
	}

	/**
	 * When the order was placed: its {@code placedAt}, or the event's time when it tells none.
	 * @throws IllegalArgumentException when the event has no order id or no time (a dead letter)
	 */
	public static Instant placedAt(OrderPlaced placed) {
		if (placed.orderId() == null || placed.orderId().isBlank()) {
			throw new IllegalArgumentException("OrderPlaced " + placed.eventId() + " without an order id");
		}
		var at = placed.placedAt() != null ? placed.placedAt() : placed.occurredAt();
		if (at == null) {
			throw new IllegalArgumentException("OrderPlaced " + placed.eventId() + " tells no time");
		}
		return at;
	}

}
