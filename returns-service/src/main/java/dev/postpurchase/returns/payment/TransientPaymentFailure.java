package dev.postpurchase.returns.payment;

import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * The failures the payment provider may get over: everything but a {@link PaymentException#permanent()
 * permanent} refusal. Named in {@code returns-service.yml} as what the circuit breaker {@code payments}
 * counts and its retry retries, so a declined refund neither opens the breaker nor is sent again; nor
 * is a call the open breaker refused.
 */
public class TransientPaymentFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof CallNotPermittedException) {
			// the breaker is open: trying again at once cannot get through
			return false;
		}
		return !(failure instanceof PaymentException refusal) || !refusal.permanent();
	}

}
