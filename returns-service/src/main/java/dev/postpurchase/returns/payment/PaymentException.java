package dev.postpurchase.returns.payment;

/**
 * The payment provider did not refund. The message is a code only (Stripe's error code or type, a
 * refund's failure reason, an HTTP status, or an exception class name), never Stripe's message nor
 * anything else that could hold customer data.
 */
public class PaymentException extends RuntimeException {

	/** Refunds have no API key configured ({@code returns.payments.secret-key}). Transient. */
	public static final String NOT_CONFIGURED = "NOT_CONFIGURED";

	/** The circuit breaker {@code payments} is open: the call was not made. Transient. */
	public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

	/**
	 * Stripe refused because the payment is refunded in full already. Permanent, and not a success:
	 * the money went back, but by a refund this service did not make (an agent in the Dashboard, or an
	 * attempt of ours whose answer was lost and whose idempotency key Stripe had pruned since), so
	 * whether it covers this return is for someone to reconcile.
	 */
	public static final String CHARGE_ALREADY_REFUNDED = "charge_already_refunded";

	private final String code;

	private final boolean permanent;

	private final String providerRefundId;

	public PaymentException(String code, boolean permanent, Throwable cause) {
		this(code, permanent, null, cause);
	}

	public PaymentException(String code, boolean permanent) {
		this(code, permanent, null, null);
	}

	PaymentException(String code, boolean permanent, String providerRefundId, Throwable cause) {
		super(code, cause);
		this.code = code;
		this.permanent = permanent;
		this.providerRefundId = providerRefundId;
	}

	/** A transient failure caused by {@code cause}, coded with its class name. */
	public static PaymentException transientFrom(Throwable cause) {
		return new PaymentException(cause.getClass().getSimpleName(), false, cause);
	}

	/**
	 * The code for the events and the return's history, for example {@code card_declined},
	 * {@code charge_already_refunded}, {@code insufficient_funds} (a failed refund's reason),
	 * {@code HTTP_503} or {@code TimeoutException}.
	 */
	public String code() {
		return code;
	}

	/**
	 * Whether trying again cannot help: Stripe refused the refund, or the refund it created failed or
	 * was canceled. A transient failure (Stripe unreachable, overloaded, or the key rejected) may be
	 * tried again later with the same idempotency key.
	 */
	public boolean permanent() {
		return permanent;
	}

	/**
	 * Stripe's id of the refund ({@code re_...}) when Stripe created one that then failed or was
	 * canceled; {@code null} otherwise.
	 */
	public String providerRefundId() {
		return providerRefundId;
	}

}
