package dev.postpurchase.metrics.survey;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link SurveyFacts} from SurveyAnswered on {@code feedback.events} (the answers this service
 * published, and any other producer's), in a consumer group of its own; every other event there is
 * skipped. An answer without order id, survey type or time, or with a score off its scale, goes to
 * the dead-letter topic without retries.
 */
@Component
class SurveyFactsListener implements FactProjection {

	private final SurveyFacts facts;

	SurveyFactsListener(SurveyFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-surveys", groupId = "cx-metrics-service.surveys", topics = Topics.FEEDBACK_EVENTS)
	void onFeedbackEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof SurveyAnswered) {
			consume(record.value());
		}
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.FEEDBACK_EVENTS);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof SurveyAnswered answered) {
			return facts.answered(answered);
		}
		return Mono.empty();
	}

}
