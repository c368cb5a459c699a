package dev.postpurchase.metrics.notification;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link NotificationFacts} from {@code notification.events} (NotificationSent, NotificationFailed,
 * NotificationSuppressed, NotificationEngaged); every other event there is skipped. An event without
 * its ids or its time goes to the dead-letter topic without retries.
 */
@Component
class NotificationFactsListener {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final NotificationFacts facts;

	NotificationFactsListener(NotificationFacts facts) {
		this.facts = facts;
	}

	@KafkaListener(id = "metrics-notifications", groupId = "cx-metrics-service.notifications",
			topics = Topics.NOTIFICATION_EVENTS)
	void onNotificationEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof NotificationSent sent) {
			apply(() -> facts.sent(sent));
		}
		else if (record.value() instanceof NotificationFailed failed) {
			apply(() -> facts.failed(failed));
		}
		else if (record.value() instanceof NotificationSuppressed suppressed) {
			apply(() -> facts.suppressed(suppressed));
		}
		else if (record.value() instanceof NotificationEngaged engaged) {
			apply(() -> facts.engaged(engaged));
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
