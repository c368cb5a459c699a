package dev.postpurchase.contracts.exception;

/** How urgently a delivery exception needs a person: what an ops lead should do about it. */
public enum Severity {

	/** Watch it: it usually resolves on its own; no action unless it escalates. */
	LOW,
	/** Act today: follow up with the carrier and make sure the customer has been told. */
	MEDIUM,
	/** Act now: the delivery is failing; contact the carrier and the customer, and decide on a reship or refund. */
	HIGH

}
