package dev.postpurchase.contracts.notification;

/** The moments a customer hears about: at most one message per milestone and channel. */
public enum Milestone {

	ORDER_CONFIRMED, SHIPPED, OUT_FOR_DELIVERY, DELAYED, DELIVERY_ISSUE, DELIVERED, RETURN_APPROVED,
	REFUND_ISSUED, ORDER_CANCELLED

}
