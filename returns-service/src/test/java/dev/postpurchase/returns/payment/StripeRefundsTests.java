package dev.postpurchase.returns.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What Stripe receives from the refund client, how Stripe's answers become receipts and failures, and
 * that retries never refund twice.
 */
class StripeRefundsTests {

	static final String SECRET_KEY = "sk_test_51Nq2ZrKx7Yb3Wc9DfGh4JkLmN0pQrStUvWxYz";

	static final String KEY = "refund-ret-8f14e45f-attempt-1";

	static final String PAYMENT_INTENT = "pi_3Nq2a8Kx7Yb3Wc9D1aBcDeFg";

	static final String CHARGE = "ch_3Nq2a8Kx7Yb3Wc9D0hIjKlMn";

	static final String REFUND_ID = "re_3Nq2a8Kx7Yb3Wc9D1OpQrStU";

	static final String RETURN_ID = "ret-8f14e45f";

	static final String ORDER_ID = "ord-4711";

	static final long AMOUNT = 4_995;

	static final String CUSTOMER_EMAIL = "anna.devries@example.com";

	static final int ATTEMPTS = 3;

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	// as configured: only transient failures count against the breaker
	final CircuitBreakerRegistry breakers = CircuitBreakerRegistry
		.of(CircuitBreakerConfig.custom().recordException(new TransientPaymentFailure()).build());

	@Test
	void sendsStripeTheRefundFormWithTheIdempotencyKeyAndEmitsTheReceipt() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(refund("succeeded")));

		var receipt = refunds(settings()).refund(order(PAYMENT_INTENT)).block(Duration.ofSeconds(10));

		assertThat(receipt).isEqualTo(new RefundReceipt(REFUND_ID, "succeeded"));
		assertThat(receipt.succeeded()).isTrue();
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds"))
			.withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
			.withHeader("Idempotency-Key", equalTo(KEY))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withHeader("Accept", equalTo("application/json"))
			.withFormParam("payment_intent", equalTo(PAYMENT_INTENT))
			.withFormParam("amount", equalTo("4995"))
			.withFormParam("reason", equalTo("requested_by_customer"))
			.withFormParam("metadata[return_id]", equalTo(RETURN_ID))
			.withFormParam("metadata[order_id]", equalTo(ORDER_ID))
			.withoutFormParam("charge")
			.withoutFormParam("currency"));
	}

	@Test
	void aChargeIsRefundedAsACharge() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(refund("pending")));

		var receipt = refunds(settings()).refund(order(CHARGE)).block(Duration.ofSeconds(10));

		assertThat(receipt).isEqualTo(new RefundReceipt(REFUND_ID, "pending"));
		assertThat(receipt.succeeded()).isFalse();
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("charge", equalTo(CHARGE))
			.withFormParam("amount", equalTo("4995"))
			.withoutFormParam("payment_intent"));
	}

	@Test
	void aServerErrorThenSuccessRefundsOnceWithTheSameKeyOnEveryAttempt() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).inScenario("flaky")
			.whenScenarioStateIs(STARTED)
			.willReturn(stripeError(500, "api_error", null))
			.willSetStateTo("recovered"));
		stripe.stubFor(post(StripeRefunds.REFUNDS).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(refund("succeeded")));

		var receipt = refunds(settings()).refund(order(PAYMENT_INTENT)).block(Duration.ofSeconds(10));

		assertThat(receipt).isEqualTo(new RefundReceipt(REFUND_ID, "succeeded"));
		var requests = stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds")));
		assertThat(requests).hasSize(2);
		assertThat(requests).extracting(request -> request.getHeader("Idempotency-Key")).containsOnly(KEY);
		assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(requests.get(0).getBodyAsString());
		assertThat(meters.get("returns.payments.latency").tag("outcome", "failure").timer().count()).isEqualTo(1);
		assertThat(meters.get("returns.payments.latency").tag("outcome", "success").timer().count()).isEqualTo(1);
	}

	@Test
	void aDeclinedRefundIsPermanentWithStripeCodeOnlyAndIsNotSentAgain() {
		// Stripe's message is for people and may say more than the code
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(aResponse().withStatus(402)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
					 "message": "Your card was declined refunding 49.95 EUR to %s.",
					 "charge": "%s", "doc_url": "https://docs.stripe.com/error-codes/card-declined"}}"""
				.formatted(CUSTOMER_EMAIL, CHARGE))));

		var failure = failureOf(refunds(settings()), order(PAYMENT_INTENT));

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.code()).isEqualTo("card_declined");
		assertNothingPersonalIn(failure);
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")));
		// a refusal says nothing about Stripe's health
		assertThat(breakers.circuitBreaker(StripeRefunds.INSTANCE).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@ParameterizedTest(name = "{0} {1}/{2}: {3}, permanent {4}")
	@CsvSource(textBlock = """
			400, invalid_request_error, charge_already_refunded, charge_already_refunded, true
			400, invalid_request_error, amount_too_large,        amount_too_large,        true
			400, idempotency_error,     ,                        idempotency_error,       true
			404, invalid_request_error, resource_missing,        resource_missing,        true
			400, ,                      ,                        HTTP_400,                true
			409, idempotency_error,     idempotency_key_in_use,  idempotency_key_in_use,  false
			429, invalid_request_error, rate_limit,              rate_limit,              false
			429, ,                      ,                        HTTP_429,                false
			401, invalid_request_error, ,                        HTTP_401,                false
			403, invalid_request_error, ,                        HTTP_403,                false
			500, api_error,             ,                        HTTP_500,                false
			503, ,                      ,                        HTTP_503,                false
			""")
	void mapsStripeErrorsToPermanentOrTransientFailuresAndRetriesOnlyTransientOnes(int status, String type,
			String stripeCode, String code, boolean permanent) {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(type == null
				? aResponse().withStatus(status).withBody("<html><body>Bad gateway</body></html>")
				: stripeError(status, type, stripeCode)));

		var failure = failureOf(refunds(settings()), order(PAYMENT_INTENT));

		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.permanent()).isEqualTo(permanent);
		assertThat(failure.getMessage()).isEqualTo(code);
		stripe.verify(permanent ? 1 : ATTEMPTS, postRequestedFor(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key",
				equalTo(KEY)));
	}

	@ParameterizedTest(name = "{0} with failure reason {1}: {2}")
	@CsvSource(textBlock = """
			failed,   expired_or_canceled_card, expired_or_canceled_card
			failed,   ,                         refund_failed
			canceled, ,                         refund_canceled
			""")
	void aRefundThatFailedOrWasCanceledIsPermanentAndKeepsItsId(String status, String reason, String code) {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(refund(status, reason)));

		var failure = failureOf(refunds(settings()), order(PAYMENT_INTENT));

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.providerRefundId()).isEqualTo(REFUND_ID);
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")));
	}

	@Test
	void aRefundWaitingForTheCustomerIsAReceipt() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(refund("requires_action")));

		var receipt = refunds(settings()).refund(order(PAYMENT_INTENT)).block(Duration.ofSeconds(10));

		assertThat(receipt).isEqualTo(new RefundReceipt(REFUND_ID, RefundReceipt.REQUIRES_ACTION));
	}

	@Test
	void noAnswerWithinTheTimeoutIsATransientTimeoutRetriedWithTheSameKey() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(refund("succeeded").withFixedDelay(3_000)));
		var refunds = refunds(new PaymentSettings(stripe.baseUrl(), SECRET_KEY, Duration.ofMillis(200)));

		var failure = failureOf(refunds, order(PAYMENT_INTENT));

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("TimeoutException");
		stripe.verify(ATTEMPTS, postRequestedFor(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo(KEY)));
	}

	@Test
	void aRefusedConnectionIsTransient() throws IOException {
		var refunds = refunds(new PaymentSettings("http://localhost:" + closedPort(), SECRET_KEY, Duration.ofSeconds(5)));

		var failure = failureOf(refunds, order(PAYMENT_INTENT));

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("ConnectException");
	}

	@Test
	void aSuccessWithoutARefundIdIsTransientSinceTheSameKeyCannotRefundTwice() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).willReturn(aResponse().withStatus(200).withBody("<html>ok</html>")));

		var failure = failureOf(refunds(settings()), order(PAYMENT_INTENT));

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("UNREADABLE_RESPONSE");
	}

	@Test
	void withoutASecretKeyNothingIsSentAndTheRefundWaits() {
		var refunds = refunds(new PaymentSettings(stripe.baseUrl(), " ", Duration.ofSeconds(5)));

		var failure = failureOf(refunds, order(PAYMENT_INTENT));

		assertThat(refunds.configured()).isFalse();
		assertThat(failure.code()).isEqualTo(PaymentException.NOT_CONFIGURED);
		assertThat(failure.permanent()).isFalse();
		stripe.verify(0, postRequestedFor(urlEqualTo("/v1/refunds")));
	}

	@Test
	void anOpenBreakerRefusesWithoutCallingStripe() {
		var refunds = refunds(settings());
		breakers.circuitBreaker(StripeRefunds.INSTANCE).transitionToOpenState();

		var failure = failureOf(refunds, order(PAYMENT_INTENT));

		assertThat(failure.code()).isEqualTo(PaymentException.CIRCUIT_OPEN);
		assertThat(failure.permanent()).isFalse();
		stripe.verify(0, postRequestedFor(urlEqualTo("/v1/refunds")));
	}

	@Test
	void theSettingsNeverShowTheKey() {
		assertThat(settings().toString()).doesNotContain(SECRET_KEY).contains("(set)");
	}

	private StripeRefunds refunds(PaymentSettings settings) {
		var retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(ATTEMPTS)
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(10), 2, 0.5))
			.retryOnException(new TransientPaymentFailure())
			.build());
		return new StripeRefunds(settings, WebClient.builder(), breakers, retries, meters);
	}

	private static PaymentSettings settings() {
		return new PaymentSettings(stripe.baseUrl(), SECRET_KEY, Duration.ofSeconds(5));
	}

	static RefundOrder order(String paymentReference) {
		return new RefundOrder(KEY, paymentReference, AMOUNT, "EUR", RETURN_ID, ORDER_ID);
	}

	static PaymentException failureOf(StripeRefunds refunds, RefundOrder order) {
		var thrown = catchThrowable(() -> refunds.refund(order).block(Duration.ofSeconds(10)));
		assertThat(thrown).isInstanceOf(PaymentException.class);
		return (PaymentException) thrown;
	}

	/** Neither the customer's email, nor the amount, nor Stripe's message anywhere in the failure or its causes. */
	static void assertNothingPersonalIn(Throwable failure) {
		for (var current = failure; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(CUSTOMER_EMAIL, "49.95", "declined refunding");
			assertThat(current.toString()).doesNotContain(CUSTOMER_EMAIL, "49.95", "declined refunding");
		}
	}

	static ResponseDefinitionBuilder refund(String status) {
		return refund(status, null);
	}

	static ResponseDefinitionBuilder refund(String status, String failureReason) {
		return okJson("""
				{"id": "%s", "object": "refund", "amount": 4995, "balance_transaction": "txn_3Nq2a8Kx7Yb3Wc9D1VwXyZab",
				 "charge": "%s", "created": 1718000000, "currency": "eur", "destination_details": {"type": "card"},
				 "failure_reason": %s, "metadata": {"order_id": "%s", "return_id": "%s"},
				 "payment_intent": "%s", "reason": "requested_by_customer", "receipt_number": null,
				 "source_transfer_reversal": null, "status": "%s", "transfer_reversal": null}"""
			.formatted(REFUND_ID, CHARGE, failureReason == null ? "null" : "\"" + failureReason + "\"", ORDER_ID,
					RETURN_ID, PAYMENT_INTENT, status));
	}

	static ResponseDefinitionBuilder stripeError(int status, String type, String code) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
				{"error": {"type": "%s"%s, "message": "Something about %s went wrong.",
				 "request_log_url": "https://dashboard.stripe.com/test/logs/req_8aBcDeFgHiJk"}}"""
			.formatted(type, code == null ? "" : ", \"code\": \"" + code + "\"", PAYMENT_INTENT));
	}

	private static int closedPort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
