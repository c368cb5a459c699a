package dev.postpurchase.metrics.notification;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.kit.kafka.KafkaSettings;
import dev.postpurchase.metrics.kpi.FactProjection;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link NotificationFacts} from {@code notification.events} (NotificationSent, NotificationFailed,
 * NotificationSuppressed, NotificationEngaged); every other event there is skipped. An event without
 * its ids or its time goes to the dead-letter topic without retries.
 */
@Component
class NotificationFactsListener implements FactProjection {

	private final NotificationFacts facts;

	NotificationFactsListener(NotificationFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-notifications", groupId = "cx-metrics-service.notifications", topics = Topics.NOTIFICATION_EVENTS,
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void onNotificationEvents(List<ConsumerRecord<String, Object>> records) {
		consumeAll(records);
	}

	@Override
	public Set<String> topics() {
		return Set.of(Topics.NOTIFICATION_EVENTS);
	}

	@Override
	public Mono<Void> apply(Object event) {
		if (event instanceof NotificationSent e) {
			return facts.sent(e);
		}
		else if (event instanceof NotificationFailed e) {
			return facts.failed(e);
		}
		else if (event instanceof NotificationSuppressed e) {
			return facts.suppressed(e);
		}
		else if (event instanceof NotificationEngaged e) {
			return facts.engaged(e);
		}
		return Mono.empty();
	}

}
