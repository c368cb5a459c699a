package dev.postpurchase.tracking.shipment;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.shipment.Direction;

/** What registering a parcel needs: whose it is, who carries it, and what was promised. */
public record Registration(String shipmentId, String orderId, String carrier, String trackingNumber,
		Direction direction, String returnId, DeliveryPromise promise, SalesChannel salesChannel) {

}
