package dev.postpurchase.returns.payment;

/**
 * A refund the payment provider took.
 *
 * @param providerRefundId Stripe's id of the refund ({@code re_...}), for support and reconciliation
 * @param status Stripe's status of the refund: {@code succeeded}; {@code pending} (most refunds to
 *     cards and banks settle later, and may still fail then); or {@code requires_action} (the
 *     customer has to act, for payment methods that need bank details to refund to). A {@code failed}
 *     or {@code canceled} refund is never a receipt but a {@link PaymentException}.
 */
public record RefundReceipt(String providerRefundId, String status) {

	/** Stripe's status of a refund whose money went back. */
	public static final String SUCCEEDED = "succeeded";

	/** Stripe's status of a refund still on its way. */
	public static final String PENDING = "pending";

	/** Stripe's status of a refund waiting for the customer. */
	public static final String REQUIRES_ACTION = "requires_action";

	/** Whether the money went back already ({@code succeeded}), rather than being on its way. */
	public boolean succeeded() {
		return SUCCEEDED.equals(status);
	}

}
