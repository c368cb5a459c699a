package dev.postpurchase.metrics.delivery;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link DeliveryFacts} from {@code shipment.events} (ShipmentRegistered, ShipmentDelivered)
 * and {@code delivery-exception.events} (DeliveryExceptionRaised, DeliveryExceptionResolved); every
 * other event there is skipped. An event without its ids (or a delivery or resolution without its
 * time) goes to the dead-letter topic without retries.
 */
@Component
class DeliveryFactsListener {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final DeliveryFacts facts;

	DeliveryFactsListener(DeliveryFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-shipments", groupId = "cx-metrics-service.shipments", topics = Topics.SHIPMENT_EVENTS)
	void onShipmentEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ShipmentRegistered registered) {
			apply(() -> facts.registered(registered));
		}
		else if (record.value() instanceof ShipmentDelivered delivered) {
			apply(() -> facts.delivered(delivered));
		}
	}

	@KafkaListener(id = "metrics-exceptions", groupId = "cx-metrics-service.exceptions",
			topics = Topics.DELIVERY_EXCEPTION_EVENTS)
	void onExceptionEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof DeliveryExceptionRaised raised) {
			apply(() -> facts.raised(raised));
		}
		else if (record.value() instanceof DeliveryExceptionResolved resolved) {
			apply(() -> facts.resolved(resolved));
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
