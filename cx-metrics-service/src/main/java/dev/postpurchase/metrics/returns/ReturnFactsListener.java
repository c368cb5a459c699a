package dev.postpurchase.metrics.returns;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link ReturnFacts} from {@code return.events} (ReturnRequested, ReturnRejected,
 * ReturnReceived, RefundIssued), {@code order.events} (OrderPlaced) and {@code shipment.events}
 * (outbound ShipmentDelivered); every other event there is skipped. Each topic has its own consumer
 * group, so these facts can be rebuilt without touching other sections'. An event without its ids or
 * its time goes to the dead-letter topic without retries.
 */
@Component
class ReturnFactsListener {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final ReturnFacts facts;

	ReturnFactsListener(ReturnFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-returns", groupId = "cx-metrics-service.returns", topics = Topics.RETURN_EVENTS)
	void onReturnEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ReturnRequested requested) {
			apply(() -> facts.requested(requested));
		}
		else if (record.value() instanceof ReturnRejected rejected) {
			apply(() -> facts.rejected(rejected));
		}
		else if (record.value() instanceof ReturnReceived received) {
			apply(() -> facts.received(received));
		}
		else if (record.value() instanceof RefundIssued refund) {
			apply(() -> facts.refunded(refund));
		}
	}

	@KafkaListener(id = "metrics-returns-orders", groupId = "cx-metrics-service.returns-orders",
			topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced placed) {
			apply(() -> facts.placed(placed));
		}
	}

	@KafkaListener(id = "metrics-returns-shipments", groupId = "cx-metrics-service.returns-shipments",
			topics = Topics.SHIPMENT_EVENTS)
	void onShipmentEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ShipmentDelivered delivered) {
			apply(() -> facts.delivered(delivered));
		}
	}

	private static void apply(Supplier<Mono<Void>> change) {
		Mono<Void> write;
		try {
			write = change.get();
		}
		catch (IllegalArgumentException | ArithmeticException broken) {
			throw new PoisonMessageException(broken.getMessage());
		}
		write.block(TIMEOUT);
	}

}
