package dev.postpurchase.contracts.returns;

/** Why the customer returns an item. */
public enum ReturnReason {

	DAMAGED, WRONG_ITEM, DOES_NOT_FIT, NOT_AS_DESCRIBED, CHANGED_MIND, ARRIVED_LATE, OTHER

}
