package dev.postpurchase.notification.message;

import reactor.core.publisher.Mono;

/** Where the customers' {@link Wishes} are kept. */
public interface CustomerWishes {

	/** A customer's wishes; {@link Wishes#NONE} when they made none. */
	Mono<Wishes> of(String customerId);

}
