package dev.postpurchase.returns.payment;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import dev.postpurchase.kit.http.ProviderAnswers;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Refunds a customer's payment through Stripe's Refunds API: {@code POST {base-url}/v1/refunds} with
 * {@code Authorization: Bearer <secret key>}, an {@code Idempotency-Key} header and a form of
 * {@code payment_intent} (or {@code charge} for a {@code ch_}/{@code py_} reference), {@code amount} in
 * minor units, {@code reason=requested_by_customer}, {@code metadata[return_id]} and
 * {@code metadata[order_id]}. Stripe answers 200 with the new Refund object; its {@code id}
 * ({@code re_...}) and {@code status} make the {@link RefundReceipt}.
 * <p>
 * Every call goes through the Resilience4j instances named {@value #INSTANCE} (configured under
 * {@code resilience4j.*.instances.payments}), outermost first: a retry with exponential backoff and
 * jitter, then a circuit breaker. Only {@link TransientPaymentFailure transient} failures are retried
 * and count against the breaker. Each attempt is timed in {@code returns.payments.latency{outcome}}.
 * <p>
 * <b>At most one refund, however often it is tried.</b> Every attempt, the retry's and any later one of
 * the caller, sends the same {@link RefundOrder#idempotencyKey()} with the same parameters. Stripe saves
 * the answer to the first request with a key and replays it to every later one, so a retry after a
 * lost answer or a timeout gets the refund that was made, not a second one; a concurrent request with
 * the key is refused with 409 {@code idempotency_key_in_use} (transient) rather than run twice. Stripe
 * prunes keys after 24 hours: a refund whose outcome is still unknown by then must be reconciled (its
 * {@code metadata[return_id]} finds it at Stripe) before it is tried again.
 */
@Component
public class StripeRefunds {

	/** The name of the Resilience4j retry and circuit breaker around every call. */
	public static final String INSTANCE = "payments";

	static final String REFUNDS = "/v1/refunds";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Logger log = LoggerFactory.getLogger(StripeRefunds.class);

	private final PaymentSettings settings;

	private final WebClient stripe;

	private final CircuitBreaker breaker;

	private final Retry retry;

	private final Timer success;

	private final Timer failure;

	/** With Spring Boot's {@code WebClient.Builder} when the application has one. */
	@Autowired
	StripeRefunds(PaymentSettings settings, ObjectProvider<WebClient.Builder> builders, CircuitBreakerRegistry breakers,
			RetryRegistry retries, MeterRegistry meters) {
		this(settings, builders.getIfAvailable(WebClient::builder), breakers, retries, meters);
	}

	StripeRefunds(PaymentSettings settings, WebClient.Builder builder, CircuitBreakerRegistry breakers,
			RetryRegistry retries, MeterRegistry meters) {
		this.settings = settings;
		this.stripe = builder.clone().baseUrl(settings.baseUrl()).build();
		this.breaker = breakers.circuitBreaker(INSTANCE);
		this.retry = retries.retry(INSTANCE);
		this.success = latency(meters, "success");
		this.failure = latency(meters, "failure");
		if (!settings.configured()) {
			log.warn("Refunds have no payment provider key configured (returns.payments.secret-key): "
					+ "they fail with {} until one is", PaymentException.NOT_CONFIGURED);
		}
	}

	/** Whether there is an API key to refund with. */
	public boolean configured() {
		return settings.configured();
	}

	/**
	 * Refunds; emits Stripe's refund id and status ({@code succeeded}, {@code pending} or
	 * {@code requires_action}). Fails with a {@link PaymentException}:
	 * <ul>
	 * <li>permanent with Stripe's code on a refusal ({@code card_declined},
	 * {@code charge_already_refunded}, {@code amount_too_large}, ...), or with the failure reason
	 * ({@code refund_failed}, {@code refund_canceled} without one) when the refund Stripe created
	 * {@code failed} or was {@code canceled};</li>
	 * <li>transient when trying again later may help: {@code HTTP_5xx}, {@code rate_limit},
	 * {@code idempotency_key_in_use}, {@code HTTP_401}, {@code TimeoutException},
	 * {@code ConnectException}, {@link PaymentException#CIRCUIT_OPEN} when the breaker refused the call,
	 * {@link PaymentException#NOT_CONFIGURED} without a key.</li>
	 * </ul>
	 * A transient failure leaves the outcome unknown: try again with the same order (the same
	 * idempotency key) within 24 hours of the first attempt.
	 */
	public Mono<RefundReceipt> refund(RefundOrder order) {
		if (!settings.configured()) {
			return Mono.error(new PaymentException(PaymentException.NOT_CONFIGURED, false));
		}
		return Mono.defer(() -> {
			var started = System.nanoTime();
			return attempt(order)
				.doOnSuccess(receipt -> success.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
				.doOnError(ex -> failure.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
		})
			.transformDeferred(CircuitBreakerOperator.of(breaker))
			.transformDeferred(RetryOperator.of(retry))
			.onErrorMap(CallNotPermittedException.class,
					ex -> new PaymentException(PaymentException.CIRCUIT_OPEN, false, ex))
			.onErrorMap(ex -> !(ex instanceof PaymentException), PaymentException::transientFrom)
			.doOnSuccess(receipt -> log.info("Refund {} for return {} is {}", receipt.providerRefundId(),
					order.returnId(), receipt.status()))
			.doOnError(PaymentException.class,
					ex -> log.warn("Refund for return {} not made: {} ({}){}", order.returnId(), ex.code(),
							ex.permanent() ? "permanent" : "transient",
							ex.providerRefundId() != null ? ", Stripe's refund " + ex.providerRefundId() : ""));
	}

	private Mono<RefundReceipt> attempt(RefundOrder order) {
		return Mono.defer(() -> stripe.post()
			.uri(REFUNDS)
			.headers(headers -> {
				headers.setBearerAuth(settings.secretKey());
				headers.set(IDEMPOTENCY_KEY, order.idempotencyKey());
			})
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form(order)))
			.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").<RefundReceipt>handle((body, sink) -> {
				var json = ProviderAnswers.json(body);
				if (!response.statusCode().is2xxSuccessful()) {
					sink.error(StripeFailures.rejected(response.statusCode(), json));
					return;
				}
				var id = ProviderAnswers.text(json.at("/id"));
				if (id == null) {
					sink.error(StripeFailures.unreadable());
					return;
				}
				var status = ProviderAnswers.text(json.at("/status"));
				if ("failed".equals(status) || "canceled".equals(status)) {
					sink.error(StripeFailures.unsuccessful(id, status, json));
					return;
				}
				checkCurrency(order, id, json);
				// Stripe's status is nullable: a refund that has an id exists, and its outcome is still to come
				sink.next(new RefundReceipt(id, status != null ? status : RefundReceipt.PENDING));
			})))
			.timeout(settings.timeout())
			.onErrorMap(StripeFailures::unanswered);
	}

	private static LinkedMultiValueMap<String, String> form(RefundOrder order) {
		var form = new LinkedMultiValueMap<String, String>();
		form.add(order.refundsCharge() ? "charge" : "payment_intent", order.paymentReference());
		form.add("amount", Long.toString(order.amountMinor()));
		form.add("reason", "requested_by_customer");
		form.add("metadata[return_id]", order.returnId());
		form.add("metadata[order_id]", order.orderId());
		return form;
	}

	/**
	 * Stripe refunds in the payment's currency, whatever the return says: a difference means the amount
	 * was counted in the wrong unit, for someone to look at. The refund is made by then.
	 */
	private static void checkCurrency(RefundOrder order, String refundId, JsonNode refund) {
		var currency = ProviderAnswers.text(refund.at("/currency"));
		if (currency != null && !currency.equalsIgnoreCase(order.currency())) {
			log.warn("Refund {} for return {} is in {}, the return expected {}", refundId, order.returnId(),
					currency.toUpperCase(Locale.ROOT), order.currency().toUpperCase(Locale.ROOT));
		}
	}

	private static Timer latency(MeterRegistry meters, String outcome) {
		return Timer.builder("returns.payments.latency")
			.description("Time of one refund request to the payment provider")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(meters);
	}

}
