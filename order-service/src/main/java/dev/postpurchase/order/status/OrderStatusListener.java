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
 * <p>One record at a time on purpose: as a batch listener handling orders side by side (issue 11)
 * it kept up with every shipment's events, and on a machine shared with the whole platform that CPU
 * came out of the messages' path (scan to SMS p50 from 30 ms to 140–300 ms at 100 scans/s in the
 * benchmark). The status view may lag a little under such load; messages to customers should not.
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
