package dev.postpurchase.contracts.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;

/**
 * A fulfillment left the warehouse: tracking-service registers the shipment from it and measures it
 * against the promise.
 *
 * @param carrier normalized carrier id, for example {@code dhl}, {@code ups}, {@code postnl}
 */
public record OrderShipped(UUID eventId, String orderId, Instant occurredAt, String shipmentId, String carrier,
		String trackingNumber, List<ShippedLine> lines, DeliveryPromise promise, String customerId,
		SalesChannel salesChannel) implements Event {

	public static final String TYPE = "dev.postpurchase.order.shipped.v1";

}
