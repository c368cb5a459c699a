package dev.postpurchase.contracts.shipment;

/** Why a delivery went wrong: always one of these, optionally with a free-text detail. */
public enum ExceptionReason {

	CARRIER_DELAY, CUSTOMS, WEATHER, ADDRESS_ISSUE, DAMAGED, LOST, REFUSED, RETURNED_TO_SENDER, OTHER

}
