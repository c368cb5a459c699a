package dev.postpurchase.notification.message;

import java.time.Instant;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;

/**
 * What a message says beyond the order: taken from the triggering event and kept on the ledger
 * entry, so a message sent later (a retry, after quiet hours, at the end of a collapse window) says
 * the same. Holds no personal data. Every field may be {@code null}.
 *
 * @param newEstimate the carrier's or our new delivery estimate (delay, exception, out for delivery)
 * @param promisedBy the end of the delivery promise made at checkout
 * @param exceptionKind what went wrong (DELAYED and DELIVERY_ISSUE)
 * @param carrier the carrier id, for example {@code postnl}
 * @param returnMethod how the parcel goes back (RETURN_APPROVED)
 * @param labelUrl the prepaid return label (RETURN_APPROVED, mail-in)
 * @param refundAmount the money going back (REFUND_ISSUED)
 * @param refundOutcome refund to the original payment or store credit (REFUND_ISSUED)
 */
public record MessageDetails(Instant newEstimate, Instant promisedBy, ExceptionKind exceptionKind, String carrier,
		ReturnMethod returnMethod, String labelUrl, Money refundAmount, ReturnOutcome refundOutcome) {

	/** No details. */
	public static final MessageDetails NONE = new MessageDetails(null, null, null, null, null, null, null, null);

}
