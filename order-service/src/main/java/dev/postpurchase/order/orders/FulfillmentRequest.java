package dev.postpurchase.order.orders;

import java.util.List;

import dev.postpurchase.contracts.order.ShippedLine;

/**
 * A request to record a fulfillment. Lines may be empty: then everything not yet shipped ships.
 */
public record FulfillmentRequest(String externalFulfillmentId, String carrier, String trackingNumber,
		List<ShippedLine> lines) {

}
