package dev.postpurchase.contracts.shipment;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * The parcel arrived. {@code promiseState} is DELIVERED_EARLY, DELIVERED_ON_TIME or DELIVERED_LATE.
 */
public record ShipmentDelivered(UUID eventId, String orderId, Instant occurredAt, String shipmentId,
		String carrier, Direction direction, String returnId, Instant deliveredAt, DeliveryPromise promise,
		PromiseState promiseState, SalesChannel salesChannel) implements Event {

	public static final String TYPE = "dev.postpurchase.shipment.delivered.v1";

}
