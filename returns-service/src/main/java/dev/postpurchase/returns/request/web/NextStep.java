package dev.postpurchase.returns.request.web;

import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.returns.request.CustomerReturn;

/**
 * What the customer does, or waits for, next with a return, as its confirmation and status pages
 * tell them (the page words it; the return carries the details: its {@code label}, its {@code id} as
 * the reference to quote, its {@code rejection}).
 */
enum NextStep {

	/** Worth more than the policy approves by itself: an agent decides, the customer waits. */
	AWAIT_APPROVAL,

	/** Print the label ({@code label.labelUrl}), stick it on the parcel, hand it to the carrier. */
	PRINT_LABEL,

	/** Take the items to a drop-off point, quoting the return's id. */
	DROP_OFF,

	/** Bring the items to a store, quoting the return's id. */
	BRING_TO_STORE,

	/** The parcel is on its way back: nothing to do. */
	AWAIT_RECEIPT,

	/** Received: the refund, store credit or exchange is under way. */
	AWAIT_SETTLEMENT,

	/** Nothing more: refunded, credited, exchanged, or rejected (with its {@code rejection}). */
	NONE;

	static NextStep of(CustomerReturn found) {
		return switch (found.state()) {
			case REQUESTED -> AWAIT_APPROVAL;
			case APPROVED, LABEL_ISSUED -> byMethod(found.method());
			case IN_TRANSIT -> AWAIT_RECEIPT;
			case RECEIVED, REFUND_FAILED -> AWAIT_SETTLEMENT;
			case REFUNDED, STORE_CREDITED, EXCHANGED, REJECTED, CLOSED -> NONE;
		};
	}

	private static NextStep byMethod(ReturnMethod method) {
		return switch (method) {
			case MAIL_IN -> PRINT_LABEL;
			case DROP_OFF -> DROP_OFF;
			case IN_STORE -> BRING_TO_STORE;
		};
	}

}
