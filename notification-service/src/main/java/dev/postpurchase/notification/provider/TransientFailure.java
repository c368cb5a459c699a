package dev.postpurchase.notification.provider;

import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * The failures a provider may get over: everything but a {@link ProviderException#permanent()
 * permanent} refusal. Named in {@code notification-service.yml} as what the circuit breakers count
 * and the retries retry, so an invalid phone number neither opens a breaker nor is tried again; nor is a call the open
 * breaker refused.
 */
public class TransientFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof CallNotPermittedException) {
			// the breaker is open: trying again at once cannot get through
			return false;
		}
		return !(failure instanceof ProviderException refusal) || !refusal.permanent();
	}

}
