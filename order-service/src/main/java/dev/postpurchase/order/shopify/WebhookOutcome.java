package dev.postpurchase.order.shopify;

/** What became of a verified delivery; every outcome is a 200 for Shopify. */
public enum WebhookOutcome {

	/** The order now reflects the webhook. */
	APPLIED,
	/** Nothing to do (yet), for example a fulfillment without tracking number. */
	NOTHING_TO_DO,
	/** The order's rules refused the change; logged and counted, not retried. */
	REJECTED,
	/** The order is not known yet; the webhook is replayed once it is. */
	PARKED,
	/** This delivery was handled before. */
	DUPLICATE,
	/** A topic order-service does not act on. */
	IGNORED,
	/** {@code customers/redact}: the erasure of the customer's personal data was requested. */
	ERASURE_REQUESTED,
	/**
	 * {@code customers/data_request} or {@code shop/redact}: received and logged for an operator,
	 * as order-service neither exports nor removes a shop's data by itself.
	 */
	ACKNOWLEDGED

}
