package dev.postpurchase.order.exchange;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.order.orders.InvalidOrderException;
import dev.postpurchase.order.orders.OrderManagement;
import dev.postpurchase.order.orders.UnservableExchangeException;

/**
 * Turns returns-service's {@link ExchangeRequested} on {@code return.events} into the replacement
 * order of the exchange, which then flows like any order (OrderPlaced on {@code order.events}). Every
 * other return event is left to the status projection. An exchange that cannot be served (the
 * original order is unknown or erased, or the request does not fit it) goes to
 * {@code return.events.DLT} at once, so an operator sees it; a failure to write is retried.
 */
@Component
class ExchangeListener {

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final OrderManagement orders;

	ExchangeListener(OrderManagement orders) {
		this.orders = orders;
	}

	@KafkaListener(id = "orders-exchanges", groupId = "order-service.exchanges", topics = Topics.RETURN_EVENTS)
	void on(ConsumerRecord<String, Object> record) {
		if (!(record.value() instanceof ExchangeRequested exchange)) {
			return;
		}
		orders.placeReplacement(exchange)
			// the kit's error handler logs the message (ids and rules only) as it dead-letters the record
			.onErrorMap(UnservableExchangeException.class, unservable -> new PoisonMessageException(
					"ExchangeRequested " + exchange.eventId() + " not served. " + unservable.getMessage()))
			.onErrorMap(InvalidOrderException.class, invalid -> new PoisonMessageException(
					"Replacement order for return " + exchange.returnId() + ": " + invalid.getMessage()))
			.block(WRITE_TIMEOUT);
	}

}
