package dev.postpurchase.returns.policy;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.returns.order.MinorUnits;

/**
 * What a return refunds, in minor units of the order's currency: {@code totalMinor = itemsMinor -
 * feeMinor + shippingMinor}, never negative.
 *
 * @param itemsMinor the value of the lines that came back in order
 * @param feeMinor the restocking fee kept (CHANGED_MIND only)
 * @param shippingMinor the order's shipping, when this refund pays it back; 0 otherwise
 * @param currency ISO 4217 code
 */
public record RefundBreakdown(long itemsMinor, long feeMinor, long shippingMinor, long totalMinor, String currency) {

	/** The total as a contract amount, for example 117.00 EUR. */
	public Money total() {
		return MinorUnits.toMoney(totalMinor, currency);
	}

	/** Whether this refund pays the order's shipping back (then no later return of the order may). */
	public boolean refundsShipping() {
		return shippingMinor > 0;
	}

}
