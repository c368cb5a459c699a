package dev.postpurchase.metrics.survey;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * GDPR erasure from {@code customer.erasure} (keyed by customer id), in a consumer group of its own:
 * the customer id leaves {@code order_facts} (through the fact store, so a running rebuild's
 * generation forgets it too) and the customer's stored answers in {@code surveys}, which also lose
 * their comment. Scores stay, so the KPIs do not change; {@code survey_facts} never held the customer.
 * Applying it again changes nothing. An erasure without a customer id goes to the dead-letter topic.
 */
@Component
class SurveyErasure implements FactProjection {

	private static final Logger log = LoggerFactory.getLogger(SurveyErasure.class);

	private final OrderFacts orders;

	private final Surveys surveys;

	SurveyErasure(OrderFacts orders, Surveys surveys) {
		this.orders = orders;
		this.surveys = surveys;
	}

	@KafkaListener(id = "metrics-survey-erasure", groupId = "cx-metrics-service.survey-erasure",
			topics = Topics.CUSTOMER_ERASURE)
	void onErasure(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof CustomerErasureRequested request) {
			consume(request);
			log.info("Erasure {}: customer forgotten in order facts and survey answers", request.eventId());
		}
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.CUSTOMER_ERASURE);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof CustomerErasureRequested request) {
			if (request.customerId() == null || request.customerId().isBlank()) {
				throw new IllegalArgumentException("CustomerErasureRequested " + request.eventId() + " without a customer id");
			}
			return orders.erase(request.customerId()).then(surveys.erase(request.customerId()));
		}
		return Mono.empty();
	}

}
