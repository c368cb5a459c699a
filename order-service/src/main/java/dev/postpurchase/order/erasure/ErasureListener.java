package dev.postpurchase.order.erasure;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;

/** Acts on every erasure request on {@code customer.erasure}, whoever published it. */
@Component
class ErasureListener {

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

	private final OrderErasure erasure;

	ErasureListener(OrderErasure erasure) {
		this.erasure = erasure;
	}

	@KafkaListener(id = "order-erasure", groupId = "order-service.erasure", topics = Topics.CUSTOMER_ERASURE)
	void on(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof CustomerErasureRequested request) {
			erasure.apply(request).block(WRITE_TIMEOUT);
		}
	}

}
