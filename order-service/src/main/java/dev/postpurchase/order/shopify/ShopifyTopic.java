package dev.postpurchase.order.shopify;

import java.util.Arrays;
import java.util.Optional;

/**
 * The webhook topics order-service acts on; the value is Shopify's {@code X-Shopify-Topic}. The
 * order topics, and the mandatory privacy compliance topics every Shopify app must answer.
 */
enum ShopifyTopic {

	ORDERS_CREATE("orders/create"), ORDERS_UPDATED("orders/updated"), ORDERS_CANCELLED("orders/cancelled"),
	FULFILLMENTS_CREATE("fulfillments/create"), FULFILLMENTS_UPDATE("fulfillments/update"),
	CUSTOMERS_REDACT("customers/redact"), CUSTOMERS_DATA_REQUEST("customers/data_request"), SHOP_REDACT("shop/redact");

	/** The metric tag of every other topic: header values must not become tag values. */
	static final String OTHER = "other";

	private final String value;

	ShopifyTopic(String value) {
		this.value = value;
	}

	static Optional<ShopifyTopic> of(String header) {
		return header == null ? Optional.empty()
				: Arrays.stream(values()).filter(topic -> topic.value.equalsIgnoreCase(header.trim())).findFirst();
	}

	/** Whether this is one of the privacy compliance topics (not about one order). */
	boolean compliance() {
		return this == CUSTOMERS_REDACT || this == CUSTOMERS_DATA_REQUEST || this == SHOP_REDACT;
	}

	/** Whether the payload is a whole order (as opposed to a fulfillment or a compliance request). */
	boolean carriesOrder() {
		return this == ORDERS_CREATE || this == ORDERS_UPDATED || this == ORDERS_CANCELLED;
	}

	String value() {
		return value;
	}

	@Override
	public String toString() {
		return value;
	}

}
