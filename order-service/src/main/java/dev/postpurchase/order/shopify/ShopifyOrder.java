package dev.postpurchase.order.shopify;

import java.time.Instant;
import java.util.List;

/**
 * The part of Shopify's order webhook payload (REST Admin API order resource, sent for
 * {@code orders/create}, {@code orders/updated} and {@code orders/cancelled}) that order-service
 * reads. Property names are Shopify's snake_case ones; every other property is ignored.
 * Prices are strings in the shop's {@code currency}, as Shopify sends them.
 */
record ShopifyOrder(Long id, String name, String email, String contactEmail, String phone, Instant createdAt,
		Instant processedAt, String currency, String customerLocale, String sourceName, String financialStatus,
		Instant cancelledAt, String cancelReason, Customer customer, List<LineItem> lineItems,
		Address shippingAddress, MarketingConsent smsMarketingConsent) {

	/** The buyer; absent for guest checkouts. */
	record Customer(Long id, String email, String phone, String firstName, String lastName,
			MarketingConsent smsMarketingConsent, MarketingConsent emailMarketingConsent) {
	}

	/** One line; {@code product_type} only where the payload carries it. */
	record LineItem(Long id, String sku, String title, String name, Integer quantity, String price, Long variantId,
			Long productId, String vendor, String productType) {
	}

	record Address(String name, String firstName, String lastName, String address1, String address2, String city,
			String province, String zip, String countryCode, String phone) {
	}

	/** A consent state such as {@code subscribed}, {@code not_subscribed}, {@code unsubscribed}. */
	record MarketingConsent(String state) {
	}

}
