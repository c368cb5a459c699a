package dev.postpurchase.order.shopify;

import java.util.List;

/**
 * The part of Shopify's fulfillment webhook payload ({@code fulfillments/create},
 * {@code fulfillments/update}) that order-service reads.
 *
 * @param status {@code success}, {@code cancelled}, {@code error}, {@code failure} (and the legacy
 * {@code pending}, {@code open})
 */
record ShopifyFulfillment(Long id, Long orderId, String name, String status, String trackingCompany,
		String trackingNumber, List<String> trackingNumbers, List<LineItem> lineItems) {

	/** The order line (same {@code id} as in the order) and how many of it left in this shipment. */
	record LineItem(Long id, String sku, Long variantId, Integer quantity) {
	}

	/** The tracking number, or the first of several; null while the merchant has entered none. */
	String firstTrackingNumber() {
		if (trackingNumber != null && !trackingNumber.isBlank()) {
			return trackingNumber.trim();
		}
		return trackingNumbers == null ? null
				: trackingNumbers.stream().filter(n -> n != null && !n.isBlank()).map(String::trim).findFirst().orElse(null);
	}

}
