package dev.postpurchase.returns.payment;

/**
 * One refund to ask the payment provider for.
 *
 * @param idempotencyKey the key Stripe recognises this refund by (at most 255 characters): chosen and
 *     stored before the first attempt and sent unchanged with every attempt of the same refund, so
 *     that Stripe refunds at most once. Stripe keeps a key for at least 24 hours; an attempt after it
 *     was pruned is a new refund (see {@link StripeRefunds})
 * @param paymentReference the payment to refund: a PaymentIntent ({@code pi_...}) or a Charge
 *     ({@code ch_...}, or {@code py_...} for bank debits)
 * @param amountMinor the amount in the currency's minor unit (cents; yen for zero-decimal currencies),
 *     as Stripe counts amounts
 * @param currency the ISO 4217 code of the payment; Stripe refunds in the payment's own currency, so it
 *     is not sent, only compared with Stripe's answer
 * @param returnId the return the money is for; stored with the refund at Stripe
 *     ({@code metadata[return_id]}) to find it again from the Dashboard or the API
 * @param orderId the order the payment was for ({@code metadata[order_id]})
 */
public record RefundOrder(String idempotencyKey, String paymentReference, long amountMinor, String currency,
		String returnId, String orderId) {

	/** The longest idempotency key Stripe accepts. */
	static final int MAX_KEY_LENGTH = 255;

	public RefundOrder {
		require(idempotencyKey, "idempotencyKey");
		if (idempotencyKey.length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("idempotencyKey is longer than " + MAX_KEY_LENGTH + " characters");
		}
		require(paymentReference, "paymentReference");
		if (amountMinor <= 0) {
			throw new IllegalArgumentException("amountMinor must be positive");
		}
		require(currency, "currency");
		require(returnId, "returnId");
		require(orderId, "orderId");
	}

	/**
	 * Whether the payment is a Charge rather than a PaymentIntent: Stripe names Charges {@code ch_...},
	 * and {@code py_...} when they come from bank debits (SEPA, ACH).
	 */
	boolean refundsCharge() {
		return paymentReference.startsWith("ch_") || paymentReference.startsWith("py_");
	}

	private static void require(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
	}

}
