package dev.postpurchase.metrics.support;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link SupportFacts} from {@code order.events}: SupportContactLogged (contacts) and OrderPlaced
 * (orders placed, the denominator of contacts per order and the WISMO rate), each with a consumer group
 * of its own so either can be rebuilt alone; every other event there is skipped. An event without its
 * ids or its time goes to the dead-letter topic without retries.
 */
@Component
class SupportFactsListener implements FactProjection {

	private final SupportFacts facts;

	SupportFactsListener(SupportFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-support-contacts", groupId = "cx-metrics-service.support-contacts",
			topics = Topics.ORDER_EVENTS)
	void onContact(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof SupportContactLogged) {
			consume(record.value());
		}
	}

	@KafkaListener(id = "metrics-support-orders", groupId = "cx-metrics-service.support-orders",
			topics = Topics.ORDER_EVENTS)
	void onOrder(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced) {
			consume(record.value());
		}
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.ORDER_EVENTS);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof SupportContactLogged e) {
			return facts.contact(e);
		}
		else if (event instanceof OrderPlaced e) {
			return facts.placed(e);
		}
		return Mono.empty();
	}

}
