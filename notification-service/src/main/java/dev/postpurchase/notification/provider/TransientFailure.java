package dev.postpurchase.notification.provider;

import java.util.function.Predicate;

/**
 * The failures a provider may get over: everything but a {@link ProviderException#permanent()
 * permanent} refusal. Named in {@code notification-service.yml} as what the circuit breakers count
 * and the retries retry, so an invalid phone number neither opens a breaker nor is tried again.
 */
public class TransientFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return !(failure instanceof ProviderException refusal) || !refusal.permanent();
	}

}
