package dev.postpurchase.notification.message;

import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Mono;

/** Where the customers' {@link Wishes} are kept. */
public interface CustomerWishes {

	/** The wishes of the customers who made any, read together; the others are missing. */
	Mono<Map<String, Wishes>> ofAll(Collection<String> customerIds);

}
