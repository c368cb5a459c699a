package dev.postpurchase.contracts.shipment;

/**
 * A shipment measured against the delivery promise; separate from the carrier status. The first
 * three hold while the shipment is open, the last three once it is delivered.
 */
public enum PromiseState {

	ON_TRACK, AT_RISK, LATE, DELIVERED_EARLY, DELIVERED_ON_TIME, DELIVERED_LATE;

	public boolean isClosed() {
		return ordinal() >= DELIVERED_EARLY.ordinal();
	}

}
