package dev.postpurchase.metrics.survey;

import java.time.Clock;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link OrderFacts} from OrderPlaced on {@code order.events}; every other event there is
 * skipped. An OrderPlaced without order or customer id goes to the dead-letter topic without retries.
 *
 * <p>Once the order is kept, the survey answers parked for it are completed and published
 * ({@link Surveys#complete}). That is a live reaction, not a fact: a rebuild's replay only
 * {@link #apply applies} the event. Should completing fail, the record is retried (keeping the order
 * again changes nothing) and the sweep is the backstop.
 */
@Component
class OrderFactsListener implements FactProjection {

	private final OrderFacts orders;

	private final Surveys surveys;

	private final Clock clock;

	OrderFactsListener(OrderFacts orders, Surveys surveys, Clock clock) {
		this.orders = orders;
		this.surveys = surveys;
		this.clock = clock;
	}

	@KafkaListener(id = "metrics-orders", groupId = "cx-metrics-service.orders", topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced placed) {
			consume(placed);
			// only after the order is kept: an answer parked from now on finds it on its own re-check
			surveys.complete(placed.orderId(), placed.customer().customerId(), placed.salesChannel()).block(TIMEOUT);
		}
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.ORDER_EVENTS);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof OrderPlaced placed) {
			return orders.placed(placed, clock.instant());
		}
		return Mono.empty();
	}

}
