package dev.postpurchase.order.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.kit.kafka.KafkaSettings;
import dev.postpurchase.kit.kafka.KeyedBatch;
import dev.postpurchase.kit.kafka.PoisonMessageException;

/**
 * Feeds the status projection from the other services' topics, a poll's worth of events at a time
 * in one bulk write (one MongoDB command instead of one or two per event). The update is done before
 * the offsets are committed, so a crash means redelivery, which the projection absorbs.
 *
 * <p>Offsets are committed up to the first event the view can never apply (or that could not be
 * read), which goes to the dead-letter topic; the events after it come again. When the batch cannot
 * be written (MongoDB unreachable), it is retried from its first event, as a single event would be.
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
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void on(List<ConsumerRecord<String, Object>> records) {
		var writes = new ArrayList<OrderStatusProjection.Write>();
		PoisonMessageException poison = null;
		int read = 0;
		for (; read < records.size(); read++) {
			try {
				writes.addAll(projection.writesFor(KeyedBatch.value(records.get(read))));
			}
			catch (PoisonMessageException ex) {
				poison = ex;
				break;
			}
		}
		try {
			projection.write(writes).block(WRITE_TIMEOUT);
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Order status not updated", ex, 0);
		}
		if (poison != null) {
			throw new BatchListenerFailedException("An event the order status cannot apply", poison, read);
		}
	}

}
