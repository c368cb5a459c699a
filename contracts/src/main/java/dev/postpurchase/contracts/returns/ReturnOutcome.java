package dev.postpurchase.contracts.returns;

/** What the customer wants in exchange for the returned items. */
public enum ReturnOutcome {

	REFUND, STORE_CREDIT, EXCHANGE

}
