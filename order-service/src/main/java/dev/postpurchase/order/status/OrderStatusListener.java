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
