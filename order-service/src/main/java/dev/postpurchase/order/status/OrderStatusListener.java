package dev.postpurchase.order.status;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.kit.kafka.KafkaSettings;
import dev.postpurchase.kit.kafka.KeyedBatch;

/**
 * Feeds the status projection from the other services' topics, a poll's worth at a time: one
 * order's events in order, different orders side by side ({@link KeyedBatch}). The update is done
 * before the offset is committed, so a crash means redelivery, which the projection absorbs.
 */
@Component
class OrderStatusListener {

	private final OrderStatusProjection projection;

	OrderStatusListener(OrderStatusProjection projection) {
		this.projection = projection;
	}

	@KafkaListener(id = "order-status", groupId = "order-service.status", topics = { Topics.SHIPMENT_EVENTS,
			Topics.DELIVERY_EXCEPTION_EVENTS, Topics.RETURN_EVENTS, Topics.NOTIFICATION_EVENTS },
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void on(List<ConsumerRecord<String, Object>> records) {
		KeyedBatch.handle(records, record -> projection.apply(record.value()));
	}

}
