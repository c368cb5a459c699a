package dev.postpurchase.order.orders;

import java.util.List;

import dev.postpurchase.kit.web.InvalidInput;

/**
 * A canonical order that breaks the rules of {@link OrderValidation}: a 400 problem listing every
 * broken rule over HTTP, a dead letter on Kafka.
 */
public class InvalidOrderException extends InvalidInput {

	public InvalidOrderException(List<String> problems) {
		super("Invalid order", problems);
	}

}
