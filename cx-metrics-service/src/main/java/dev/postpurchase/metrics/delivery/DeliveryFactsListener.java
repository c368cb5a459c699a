package dev.postpurchase.metrics.delivery;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.kit.kafka.KafkaSettings;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link DeliveryFacts} from {@code shipment.events} (ShipmentRegistered, ShipmentDelivered)
 * and {@code delivery-exception.events} (DeliveryExceptionRaised, DeliveryExceptionResolved); every
 * other event there is skipped. An event without its ids (or a delivery or resolution without its
 * time) goes to the dead-letter topic without retries.
 */
@Component
class DeliveryFactsListener implements FactProjection {

	private final DeliveryFacts facts;

	DeliveryFactsListener(DeliveryFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-shipments", groupId = "cx-metrics-service.shipments", topics = Topics.SHIPMENT_EVENTS,
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void onShipmentEvents(List<ConsumerRecord<String, Object>> records) {
		consumeAll(records);
	}

	@KafkaListener(id = "metrics-exceptions", groupId = "cx-metrics-service.exceptions",
			topics = Topics.DELIVERY_EXCEPTION_EVENTS)
	void onExceptionEvent(ConsumerRecord<String, Object> record) {
		consume(record.value());
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.SHIPMENT_EVENTS, Topics.DELIVERY_EXCEPTION_EVENTS);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof ShipmentRegistered e) {
			return facts.registered(e);
		}
		else if (event instanceof ShipmentDelivered e) {
			return facts.delivered(e);
		}
		else if (event instanceof DeliveryExceptionRaised e) {
			return facts.raised(e);
		}
		else if (event instanceof DeliveryExceptionResolved e) {
			return facts.resolved(e);
		}
		return Mono.empty();
	}

}
