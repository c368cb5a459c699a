package dev.postpurchase.returns.order;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link Orders} from {@code order.events} (OrderPlaced, OrderCancelled) and
 * {@code shipment.events} (outbound ShipmentDelivered); every other event there is skipped. An event
 * that breaks the contract (see {@link Orders}) goes to the dead-letter topic without retries; it can
 * be replayed once fixed.
 */
@Component
class OrderFactsListener {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Orders orders;

	OrderFactsListener(Orders orders) {
		this.orders = orders;
	}

	@KafkaListener(id = "returns-orders", groupId = "returns-service.orders", topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced placed) {
			apply(() -> orders.placed(placed));
		}
		else if (record.value() instanceof OrderCancelled cancelled) {
			apply(() -> orders.cancelled(cancelled));
		}
	}

	@KafkaListener(id = "returns-shipments", groupId = "returns-service.shipments", topics = Topics.SHIPMENT_EVENTS)
	void onShipmentEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ShipmentDelivered delivered) {
			apply(() -> orders.delivered(delivered));
		}
	}

	private static void apply(Supplier<Mono<Void>> change) {
		Mono<Void> write;
		try {
			write = change.get();
		}
		catch (IllegalArgumentException broken) {
			throw new PoisonMessageException(broken.getMessage());
		}
		write.block(TIMEOUT);
	}

}
