package dev.postpurchase.kit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Handles a batch listener's records as a record listener would, only faster: the records of one
 * key one after the other in their order, those of different keys concurrently (up to
 * {@code inFlight} at a time), so a poll's worth of messages waits for its round trips side by
 * side rather than in a line.
 *
 * <p>When a record fails (or is unreadable: no value, as {@code ErrorHandlingDeserializer} leaves
 * it), its key's later records are not handled, and {@link BatchListenerFailedException} names the
 * first record in the batch that was not handled: the container commits what comes before it and
 * the error handler retries it (or sends it to the dead-letter topic) as for a record listener. The
 * records after it come again, also those of other keys that were handled already: handlers must
 * be idempotent, as for any redelivery.
 */
public final class KeyedBatch {

	/**
	 * How long a listener waits for a batch: within the consumer's {@code max.poll.interval.ms} (five
	 * minutes by default), after which the broker would hand its partitions to another consumer. A
	 * poll's worth of records needs much longer than one record may take.
	 */
	public static final Duration TIMEOUT = Duration.ofMinutes(4);

	/** How many keys' records are handled at once by default. */
	public static final int IN_FLIGHT = 16;

	private static final Object HANDLED = new Object();

	private static final LogAccessor LOG = new LogAccessor(KeyedBatch.class);

	private KeyedBatch() {
	}

	/**
	 * Handles {@code records} with {@code handler}, {@value #IN_FLIGHT} keys at a time, waiting at most
	 * {@link #TIMEOUT} for all of them.
	 * @throws BatchListenerFailedException at the first record not handled
	 */
	public static <K, V> void handle(List<ConsumerRecord<K, V>> records, Function<ConsumerRecord<K, V>, Mono<?>> handler) {
		handle(records, IN_FLIGHT, TIMEOUT, handler);
	}

	/**
	 * Handles {@code records} with {@code handler}, waiting at most {@code timeout} for all of them.
	 * @throws BatchListenerFailedException at the first record not handled
	 */
	public static <K, V> void handle(List<ConsumerRecord<K, V>> records, int inFlight, Duration timeout,
			Function<ConsumerRecord<K, V>, Mono<?>> handler) {
		// per record: HANDLED, or why not (null while not handled)
		var outcomes = new AtomicReferenceArray<Object>(records.size());
		Throwable waited = null;
		try {
			Flux.fromIterable(byKey(records))
				.flatMap(indexes -> Flux.fromIterable(indexes)
					.concatMap(index -> Mono.defer(() -> handle(records.get(index), handler))
						.doOnSuccess(done -> outcomes.set(index, HANDLED))
						.doOnError(ex -> outcomes.set(index, ex)))
					// this key stops at its failed record; the other keys go on
					.onErrorResume(ex -> Mono.empty()), Math.max(1, inFlight))
				.then()
				.block(timeout);
		}
		catch (RuntimeException ex) {
			waited = ex;
		}
		for (int i = 0; i < records.size(); i++) {
			var outcome = outcomes.get(i);
			if (outcome != HANDLED) {
				var cause = outcome instanceof Throwable failure ? failure
						: waited != null ? waited : new IllegalStateException("Record not handled");
				throw new BatchListenerFailedException("Record not handled", cause, i);
			}
		}
	}

	private static <K, V> Mono<?> handle(ConsumerRecord<K, V> record, Function<ConsumerRecord<K, V>, Mono<?>> handler) {
		value(record);
		var handling = handler.apply(record);
		return handling == null ? Mono.empty() : handling.then();
	}

	/**
	 * A batch record's value.
	 * @throws PoisonMessageException when it has none: it could not be read (why, when our deserializer
	 * said), or it is a JSON null
	 */
	public static <V> V value(ConsumerRecord<?, V> record) {
		if (record.value() == null) {
			throw new PoisonMessageException("Unreadable record: " + unreadable(record));
		}
		return record.value();
	}

	/**
	 * Why a record has no value: the reason our deserializer gave (written free of personal data, see
	 * {@link CloudEventDeserializer}), or "no value" when there is none to tell.
	 */
	private static String unreadable(ConsumerRecord<?, ?> record) {
		var failure = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
		return failure != null && CloudEventDeserializer.threw(failure.getCause()) ? failure.getCause().getMessage()
				: "no value";
	}

	/** The records' indexes by key, in order; a record without a key is a key of its own. */
	private static <K, V> List<List<Integer>> byKey(List<ConsumerRecord<K, V>> records) {
		var keys = new LinkedHashMap<Object, List<Integer>>();
		for (int i = 0; i < records.size(); i++) {
			var key = records.get(i).key();
			keys.computeIfAbsent(key == null ? new Object() : key, any -> new ArrayList<>()).add(i);
		}
		return new ArrayList<>(keys.values());
	}

}
