package dev.postpurchase.order.inbound;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.kit.kafka.UnknownMessage;
import dev.postpurchase.order.orders.InvalidOrderException;
import dev.postpurchase.order.orders.OrderManagement;

/**
 * Canonical orders from {@code orders.inbound}, through the same command as the REST API. An
 * unreadable or invalid message goes to {@code orders.inbound.DLT} and the next one is processed.
 */
@Component
class InboundOrderListener {

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final OrderManagement orders;

	InboundOrderListener(OrderManagement orders) {
		this.orders = orders;
	}

	@KafkaListener(id = "orders-inbound", topics = Topics.ORDERS_INBOUND)
	void on(ConsumerRecord<String, Object> record) {
		var message = record.value();
		if (message instanceof UnknownMessage unknown) {
			throw new PoisonMessageException("Not an order message: " + unknown.type());
		}
		if (!(message instanceof InboundOrder order)) {
			// a JSON null reads as no message at all
			throw new PoisonMessageException(
					"Not an order message: " + (message == null ? "null" : message.getClass().getSimpleName()));
		}
		orders.place(order, "kafka")
			.onErrorMap(InvalidOrderException.class, invalid -> new PoisonMessageException(invalid.getMessage()))
			.block(WRITE_TIMEOUT);
	}

}
