package dev.postpurchase.contracts.shipment;

/** Whether a parcel goes to the customer or comes back as a return. */
public enum Direction {

	OUTBOUND, RETURN

}
