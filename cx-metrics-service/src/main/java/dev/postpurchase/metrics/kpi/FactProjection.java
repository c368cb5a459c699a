package dev.postpurchase.metrics.kpi;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.postpurchase.kit.kafka.KeyedBatch;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import reactor.core.publisher.Mono;

/**
 * Keeps facts of events: what a section's Kafka listener does with each record it receives, and what
 * a {@link KpiRebuild rebuild} replays from the topics' beginning. Applying an event twice, or events
 * in any order, gives the same facts, so redeliveries and replays change nothing.
 */
public interface FactProjection {

	/** How long a listener waits for an event's writes. */
	Duration TIMEOUT = Duration.ofSeconds(30);

	/** The topics whose events this projection keeps. */
	Set<String> topics();

	/**
	 * Writes what the event tells to the facts (through {@link FactStore}); empty for an event this
	 * projection keeps nothing of.
	 * @throws IllegalArgumentException (or {@link ArithmeticException}) for an event that cannot be
	 *     kept (no ids, no time, amounts out of range): it goes to the dead-letter topic, and a rebuild
	 *     skips it
	 */
	Mono<Void> apply(Object event);

	/**
	 * What a listener does with a record's value: applies it and waits; an event that cannot be kept
	 * becomes a {@link PoisonMessageException}, so it goes to the dead-letter topic without retries.
	 */
	default void consume(Object event) {
		applying(event).block(TIMEOUT);
	}

	/**
	 * What a busy topic's batch listener does with a poll's records: applies them as {@link #consume}
	 * does, side by side ({@link KeyedBatch}; facts do not depend on the order of events).
	 */
	default void consumeAll(List<ConsumerRecord<String, Object>> records) {
		KeyedBatch.handle(records, record -> applying(record.value()));
	}

	private Mono<Void> applying(Object event) {
		try {
			return apply(event);
		}
		catch (IllegalArgumentException | ArithmeticException broken) {
			return Mono.error(new PoisonMessageException(broken.getMessage()));
		}
	}

}
