package dev.postpurchase.notification.message;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Audience} of each order of a batch of triggers, read together ({@link Notifier#audiences}):
 * two queries for the batch instead of two per message.
 */
public final class Audiences {

	private final Map<String, Audience> byOrder;

	Audiences(Map<String, Audience> byOrder) {
		// a plain map: asked for a null order id, it answers null (Map.copyOf's would throw)
		this.byOrder = Collections.unmodifiableMap(new HashMap<>(byOrder));
	}

	/** The audience of an order read with the batch; {@code null} when it was not among the orders read. */
	Audience of(String orderId) {
		return byOrder.get(orderId);
	}

}
