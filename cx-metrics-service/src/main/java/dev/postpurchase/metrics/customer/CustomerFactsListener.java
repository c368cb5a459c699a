package dev.postpurchase.metrics.customer;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link CustomerFacts} from {@code order.events} (OrderPlaced) and {@code customer.erasure}
 * (CustomerErasureRequested); every other event there is skipped. Each topic has its own consumer
 * group, so these facts can be rebuilt without touching other sections'. An event without its ids or
 * its time goes to the dead-letter topic without retries.
 */
@Component
class CustomerFactsListener implements FactProjection {

	private final CustomerFacts facts;

	CustomerFactsListener(CustomerFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-customers", groupId = "cx-metrics-service.customers", topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced) {
			consume(record.value());
		}
	}

	@KafkaListener(id = "metrics-customer-erasure", groupId = "cx-metrics-service.customer-erasure",
			topics = Topics.CUSTOMER_ERASURE)
	void onErasure(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof CustomerErasureRequested) {
			consume(record.value());
		}
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.ORDER_EVENTS, Topics.CUSTOMER_ERASURE);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof OrderPlaced e) {
			return facts.placed(e);
		}
		else if (event instanceof CustomerErasureRequested e) {
			return facts.erased(e);
		}
		return Mono.empty();
	}

}
