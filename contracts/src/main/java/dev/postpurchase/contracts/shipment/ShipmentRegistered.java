package dev.postpurchase.contracts.shipment;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * tracking-service now follows a parcel. {@code returnId} is set for return parcels.
 */
public record ShipmentRegistered(UUID eventId, String orderId, Instant occurredAt, String shipmentId,
		String carrier, String trackingNumber, Direction direction, String returnId, DeliveryPromise promise,
		SalesChannel salesChannel) implements Event {

	public static final String TYPE = "dev.postpurchase.shipment.registered.v1";

}
