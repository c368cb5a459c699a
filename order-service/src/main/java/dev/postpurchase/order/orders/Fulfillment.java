package dev.postpurchase.order.orders;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.order.ShippedLine;

/**
 * A shipment that left the warehouse for this order.
 *
 * @param externalFulfillmentId the platform's id (Shopify fulfillment id), if it came from one
 */
public record Fulfillment(String shipmentId, String externalFulfillmentId, String carrier, String trackingNumber,
		List<ShippedLine> lines, Instant shippedAt) {

}
