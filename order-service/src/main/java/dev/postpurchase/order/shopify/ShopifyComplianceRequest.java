package dev.postpurchase.order.shopify;

import java.util.List;

/**
 * The part of Shopify's privacy compliance webhook payloads that order-service reads:
 * {@code customers/redact} ({@code shop_id}, {@code shop_domain}, {@code customer},
 * {@code orders_to_redact}), {@code customers/data_request} (also {@code orders_requested} and
 * {@code data_request.id}) and {@code shop/redact} ({@code shop_id}, {@code shop_domain}). Ids are
 * numbers in Shopify's payloads (older documentation shows them as strings; both are read). The
 * customer's email and phone are deliberately not read.
 */
record ShopifyComplianceRequest(Long shopId, Customer customer, List<Long> ordersToRedact,
		List<Long> ordersRequested, DataRequest dataRequest) {

	record Customer(Long id) {
	}

	record DataRequest(Long id) {
	}

}
