package dev.postpurchase.order.status;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.kit.kafka.KafkaSettings;

/**
 * Feeds the status projection from the other services' topics. The update is done before the
 * offset is committed, so a crash means redelivery, which the projection absorbs.
 *
 * <p>One record at a time on purpose: as a batch listener handling orders side by side (tried for
 * issue 11) it kept up with every shipment's events, and on the benchmark's two cores, shared with
 * the whole platform, the messages' path measured no better and in some runs worse (see
 * {@code bench/results/README.md}). The status view may lag a little under such load; messages to
 * customers should not.
 */
@Component
class OrderStatusListener {

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final OrderStatusProjection projection;

	OrderStatusListener(OrderStatusProjection projection) {
		this.projection = projection;
	}

	@KafkaListener(id = "order-status", groupId = "order-service.status", topics = { Topics.SHIPMENT_EVENTS,
			Topics.DELIVERY_EXCEPTION_EVENTS, Topics.RETURN_EVENTS, Topics.NOTIFICATION_EVENTS },
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION)
	void on(ConsumerRecord<String, Object> record) {
		projection.apply(record.value()).block(WRITE_TIMEOUT);
	}

}
