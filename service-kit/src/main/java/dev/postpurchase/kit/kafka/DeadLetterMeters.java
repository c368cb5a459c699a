package dev.postpurchase.kit.kafka;

import java.util.Arrays;
import java.util.Objects;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code kafka_dlt_records_total{topic}}: records sent to a dead-letter topic after their retries, by
 * source topic. Registered at zero for every topic the service consumes once it is ready, so the series
 * exist before the first dead letter: an alert on {@code increase(...)} sees the first one too, and a
 * dashboard shows 0 rather than nothing.
 */
public class DeadLetterMeters {

	private final MeterRegistry meters;

	private final KafkaListenerEndpointRegistry listeners;

	DeadLetterMeters(MeterRegistry meters, KafkaListenerEndpointRegistry listeners) {
		this.meters = meters;
		this.listeners = listeners;
	}

	/** The counter of the source topic's dead letters. */
	public Counter counter(String topic) {
		return Counter.builder("kafka.dlt.records")
			.description("Records sent to a dead-letter topic after their retries, by source topic")
			.tag("topic", topic)
			.register(meters);
	}

	@EventListener(ApplicationReadyEvent.class)
	void registerConsumedTopics() {
		listeners.getListenerContainers()
			.stream()
			.map(container -> container.getContainerProperties().getTopics())
			.filter(Objects::nonNull)
			.flatMap(Arrays::stream)
			.distinct()
			.forEach(this::counter);
	}

}
