package dev.postpurchase.kit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyedBatchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<String> handled = Collections.synchronizedList(new ArrayList<>());

	@Test
	void handlesOneKeysRecordsInOrderAndEveryRecordOnce() {
		var records = records("a:1", "b:1", "a:2", "c:1", "a:3", "b:2");

		KeyedBatch.handle(records, 4, TIMEOUT, record -> Mono.fromRunnable(() -> handled.add(record.value()))
			// a's records wait longest, so a key handled out of order would show
			.delaySubscription(Duration.ofMillis(record.key().equals("a") ? 20 : 1)));

		assertThat(handled).containsExactlyInAnyOrder("a:1", "a:2", "a:3", "b:1", "b:2", "c:1");
		assertThat(handled.stream().filter(value -> value.startsWith("a:"))).containsExactly("a:1", "a:2", "a:3");
		assertThat(handled.stream().filter(value -> value.startsWith("b:"))).containsExactly("b:1", "b:2");
	}

	@Test
	void handlesDifferentKeysConcurrently() {
		var records = records("a:1", "b:1", "c:1");
		// each handler waits until all three run at once: one at a time, the first would time out
		var together = new CountDownLatch(3);

		KeyedBatch.handle(records, 3, TIMEOUT, record -> Mono.fromCallable(() -> {
			together.countDown();
			return together.await(5, TimeUnit.SECONDS);
		}).subscribeOn(Schedulers.boundedElastic()).doOnNext(allThere -> {
			if (allThere) {
				handled.add(record.value());
			}
		}));

		assertThat(handled).containsExactlyInAnyOrder("a:1", "b:1", "c:1");
	}

	@Test
	void aFailedRecordStopsItsKeyAndIsNamedAsTheFirstRecordNotHandled() {
		var records = records("a:1", "b:1", "a:2", "b:2", "a:3", "c:1");
		var failure = new IllegalStateException("MongoDB unavailable");

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> KeyedBatch.handle(records, 4, TIMEOUT,
					record -> record.value().equals("a:2") ? Mono.error(failure)
							: Mono.fromRunnable(() -> handled.add(record.value()))))
			.satisfies(ex -> {
				assertThat(ex.getIndex()).isEqualTo(2);
				assertThat(ex).hasCause(failure);
			});
		// a's records after the failure wait for the retry; the other keys went on
		assertThat(handled).containsExactlyInAnyOrder("a:1", "b:1", "b:2", "c:1");
	}

	@Test
	void anUnreadableRecordIsPoison() {
		var records = records("a:1", "b:1");
		records.set(1, new ConsumerRecord<>("topic", 0, 1, "b", null));

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> KeyedBatch.handle(records, 4, TIMEOUT,
					record -> Mono.fromRunnable(() -> handled.add(record.value()))))
			.satisfies(ex -> {
				assertThat(ex.getIndex()).isEqualTo(1);
				assertThat(ex.getCause()).isInstanceOf(PoisonMessageException.class);
			});
		assertThat(handled).containsExactly("a:1");
	}

	@Test
	void anUnreadableRecordTellsWhyOurDeserializerRefusedIt() {
		var json = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(ShipmentStatusChanged.class));
		json.remove("orderId");
		var headers = new RecordHeaders();
		headers.add(CloudEventHeaders.TYPE, ShipmentStatusChanged.TYPE.getBytes(StandardCharsets.UTF_8));
		try (var deserializer = new ErrorHandlingDeserializer<>(new CloudEventDeserializer())) {
			deserializer.configure(Map.of(), false);
			var value = deserializer.deserialize(Topics.SHIPMENT_EVENTS, headers,
					json.toString().getBytes(StandardCharsets.UTF_8));
			var records = List.of(new ConsumerRecord<String, Object>(Topics.SHIPMENT_EVENTS, 0, 7, 0L,
					TimestampType.CREATE_TIME, 3, 100, "o-1", value, headers, Optional.empty()));

			assertThatExceptionOfType(BatchListenerFailedException.class)
				.isThrownBy(() -> KeyedBatch.handle(records, 4, TIMEOUT, record -> Mono.empty()))
				.satisfies(ex -> assertThat(ex.getCause()).isInstanceOf(PoisonMessageException.class)
					.hasMessage("Unreadable record: " + ShipmentStatusChanged.TYPE + " record on "
							+ Topics.SHIPMENT_EVENTS + " without orderId"));
		}
	}

	@Test
	void aBatchNotDoneInTimeNamesItsFirstUnfinishedRecord() {
		var records = records("a:1", "b:1", "a:2");

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> KeyedBatch.handle(records, 4, Duration.ofMillis(200),
					record -> record.value().equals("a:2") ? Mono.never()
							: Mono.fromRunnable(() -> handled.add(record.value()))))
			.satisfies(ex -> assertThat(ex.getIndex()).isEqualTo(2));
		assertThat(handled).containsExactlyInAnyOrder("a:1", "b:1");
	}

	private static List<ConsumerRecord<String, String>> records(String... values) {
		var records = new ArrayList<ConsumerRecord<String, String>>();
		for (int i = 0; i < values.length; i++) {
			records.add(new ConsumerRecord<>("topic", 0, i, values[i].substring(0, values[i].indexOf(':')), values[i]));
		}
		return records;
	}

}
