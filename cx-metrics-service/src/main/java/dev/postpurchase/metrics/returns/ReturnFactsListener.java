package dev.postpurchase.metrics.returns;

import java.util.Set;

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
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link ReturnFacts} from {@code return.events} (ReturnRequested, ReturnRejected,
 * ReturnReceived, RefundIssued), {@code order.events} (OrderPlaced) and {@code shipment.events}
 * (outbound ShipmentDelivered); every other event there is skipped. Each topic has its own consumer
 * group, so these facts can be rebuilt without touching other sections'. An event without its ids or
 * its time goes to the dead-letter topic without retries.
 */
@Component
class ReturnFactsListener implements FactProjection {

	private final ReturnFacts facts;

	ReturnFactsListener(ReturnFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-returns", groupId = "cx-metrics-service.returns", topics = Topics.RETURN_EVENTS)
	void onReturnEvent(ConsumerRecord<String, Object> record) {
		consume(record.value());
	}

	@KafkaListener(id = "metrics-returns-orders", groupId = "cx-metrics-service.returns-orders",
			topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced) {
			consume(record.value());
		}
	}

	@KafkaListener(id = "metrics-returns-shipments", groupId = "cx-metrics-service.returns-shipments",
			topics = Topics.SHIPMENT_EVENTS)
	void onShipmentEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ShipmentDelivered) {
			consume(record.value());
		}
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.RETURN_EVENTS, Topics.ORDER_EVENTS, Topics.SHIPMENT_EVENTS);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof ReturnRequested e) {
			return facts.requested(e);
		}
		else if (event instanceof ReturnRejected e) {
			return facts.rejected(e);
		}
		else if (event instanceof ReturnReceived e) {
			return facts.received(e);
		}
		else if (event instanceof RefundIssued e) {
			return facts.refunded(e);
		}
		else if (event instanceof OrderPlaced e) {
			return facts.placed(e);
		}
		else if (event instanceof ShipmentDelivered e) {
			return facts.delivered(e);
		}
		return Mono.empty();
	}

}
