package dev.postpurchase.returns.payment;

import java.util.Set;

import org.springframework.http.HttpStatusCode;

import dev.postpurchase.kit.http.ProviderAnswers;
import tools.jackson.databind.JsonNode;

/**
 * How Stripe fails, in {@link PaymentException}s. Stripe answers an error with
 * <code>{"error": {"type": ..., "code": ..., "decline_code": ..., "message": ...}}</code>; only
 * {@code code} (else {@code type}) is kept: its {@code message} is meant for people and may repeat
 * what it refused.
 * <p>
 * Which failures are worth another attempt follows Stripe's "Advanced error handling": a request that
 * got no answer, a 5xx, or one refused before Stripe's idempotency layer ran (429, 401, 409) may be
 * sent again with the same idempotency key; a 4xx of the refund itself (400, 402, 404) stays the same
 * however often it is sent, since Stripe replays the saved answer to the same key.
 */
final class StripeFailures {

	/**
	 * Codes of a 4xx with which Stripe means "not now": another request with the same key is running
	 * ({@code idempotency_key_in_use}), another request holds the payment ({@code lock_timeout}), too
	 * many requests ({@code rate_limit}).
	 */
	static final Set<String> TRY_LATER = Set.of("idempotency_key_in_use", "lock_timeout", "rate_limit");

	private StripeFailures() {
	}

	/**
	 * The failure of an answer with a status other than 2xx:
	 * <ul>
	 * <li>429 (rate limited; code {@code rate_limit}, or {@code HTTP_429} without one) and 409 (a
	 * concurrent request with the same idempotency key, {@code idempotency_key_in_use}) are transient
	 * with Stripe's code;</li>
	 * <li>5xx and 408 are transient {@code HTTP_<status>};</li>
	 * <li>401 and 403 are transient {@code HTTP_<status>}: a key rotated at Stripe and not yet here, or a
	 * restricted key missing the refund permission, must keep refunds waiting for the fix, not fail them
	 * for good;</li>
	 * <li>any other 4xx is permanent with Stripe's {@code code}, else its {@code type}, else
	 * {@code HTTP_<status>} ({@code card_declined}, {@code charge_already_refunded},
	 * {@code amount_too_large}, {@code resource_missing}, {@code idempotency_error} when the key was used
	 * with other parameters), unless the code is one of {@link #TRY_LATER};</li>
	 * <li>1xx and 3xx (redirects are not followed: a proxy or a wrong base URL) are transient.</li>
	 * </ul>
	 */
	static PaymentException rejected(HttpStatusCode status, JsonNode body) {
		var httpCode = "HTTP_" + status.value();
		var stripeCode = ProviderAnswers.text(body.at("/error/code"));
		if (status.value() == 429 || status.value() == 409) {
			return new PaymentException(stripeCode != null ? stripeCode : httpCode, false);
		}
		if (status.is5xxServerError() || status.value() == 408 || status.value() == 401 || status.value() == 403) {
			return new PaymentException(httpCode, false);
		}
		if (status.is4xxClientError()) {
			var type = ProviderAnswers.text(body.at("/error/type"));
			var code = stripeCode != null ? stripeCode : type != null ? type : httpCode;
			return new PaymentException(code, !TRY_LATER.contains(code));
		}
		return new PaymentException(httpCode, false);
	}

	/**
	 * A refund Stripe created but that {@code failed} or was {@code canceled}: permanent, with Stripe's
	 * {@code failure_reason} ({@code lost_or_stolen_card}, {@code expired_or_canceled_card},
	 * {@code insufficient_funds}, {@code declined}, ...) when it gives one, else {@code refund_failed} or
	 * {@code refund_canceled}.
	 */
	static PaymentException unsuccessful(String refundId, String status, JsonNode refund) {
		var reason = ProviderAnswers.text(refund.at("/failure_reason"));
		return new PaymentException(reason != null ? reason : "refund_" + status, true, refundId, null);
	}

	/**
	 * A 2xx answer without a refund id (an HTML page of a proxy, a cut-off body). Transient, unlike a
	 * message provider's: Stripe may have refunded, but another attempt with the same idempotency key
	 * cannot refund again; it gets Stripe's saved answer.
	 */
	static PaymentException unreadable() {
		return new PaymentException("UNREADABLE_RESPONSE", false);
	}

	/**
	 * A request that got no answer: connection refused, unknown host, reset, or no answer within the
	 * timeout. Transient, coded with the cause's class name ({@code ConnectException},
	 * {@code TimeoutException}, ...). Whether Stripe refunded is unknown; another attempt with the same
	 * idempotency key finds out without refunding twice.
	 */
	static PaymentException unanswered(Throwable failure) {
		if (failure instanceof PaymentException known) {
			return known;
		}
		return new PaymentException(ProviderAnswers.unansweredCode(failure), false, failure);
	}

}
