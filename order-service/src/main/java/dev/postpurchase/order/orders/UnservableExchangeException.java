package dev.postpurchase.order.orders;

/**
 * An exchange that cannot be turned into a replacement order: the original order is unknown or its
 * customer's data was erased, or the request does not fit the order. Retrying would not help; on
 * Kafka it is a dead letter for an operator to look at. The message names ids and rules only.
 */
public class UnservableExchangeException extends RuntimeException {

	public UnservableExchangeException(String message) {
		super(message);
	}

}
