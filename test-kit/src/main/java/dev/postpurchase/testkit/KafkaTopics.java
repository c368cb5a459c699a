package dev.postpurchase.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Reads what is on a topic and sends raw records, with plain Kafka clients, for test assertions.
 *
 * <pre>{@code
 * var topics = KafkaTopics.ofTestInfrastructure();
 * var placed = topics.read("order.events",
 *         r -> "dev.postpurchase.order.placed.v1".equals(KafkaTopics.header(r, "ce_type")), 1, Duration.ofSeconds(10));
 * topics.send("orders.inbound", "order-1", new byte[] { 0x00, 0x7f }, Map.of("ce_type", "nonsense"));
 * }</pre>
 *
 * Reads always start at the beginning of every partition and commit nothing, so they see
 * everything on the topic and never disturb a consumer group. Records are returned with their
 * headers; values are decoded as UTF-8.
 */
public final class KafkaTopics {

	private static final Duration POLL = Duration.ofMillis(100);

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<String> bootstrapServers;

	public KafkaTopics(String bootstrapServers) {
		this(() -> bootstrapServers);
	}

	private KafkaTopics(Supplier<String> bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * For the JVM-wide {@link TestInfrastructure} broker. Safe in a field initializer: the broker is
	 * looked up (and started) on first use, after Spring has set up logging.
	 */
	public static KafkaTopics ofTestInfrastructure() {
		return new KafkaTopics(TestInfrastructure::kafkaBootstrapServers);
	}

	/**
	 * Reads the topic until at least {@code atLeast} records are on it.
	 *
	 * @return every record read, possibly more than {@code atLeast}
	 * @throws AssertionError when fewer arrive within the timeout
	 */
	public List<ConsumerRecord<String, String>> read(String topic, int atLeast, Duration timeout) {
		return read(topic, record -> true, atLeast, timeout);
	}

	/**
	 * Reads the topic until at least {@code atLeast} records match the filter.
	 *
	 * @return the matching records read, possibly more than {@code atLeast}
	 * @throws AssertionError when fewer match within the timeout
	 */
	public List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> filter,
			int atLeast, Duration timeout) {
		try (var reader = new Reader(topic)) {
			var matching = new ArrayList<ConsumerRecord<String, String>>();
			try {
				poll(timeout, () -> {
					reader.poll().stream().filter(filter).forEach(matching::add);
					return matching.size() >= atLeast;
				});
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError("Expected at least " + atLeast + " matching records on " + topic + " within "
						+ timeout + " but found " + matching.size() + " (of " + reader.read + " read): "
						+ describe(matching), ex);
			}
			return matching;
		}
	}

	/**
	 * Reads every record on the topic up to its end at the time of the call (none when the topic
	 * does not exist); for asserting that something happened exactly once, or not at all (wait
	 * for the outcome first, then read all).
	 *
	 * @throws AssertionError when the topic cannot be read to its end within the timeout
	 */
	public List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
		try (var reader = new Reader(topic)) {
			if (!reader.assign()) {
				return List.of();
			}
			var records = new ArrayList<ConsumerRecord<String, String>>();
			try {
				poll(timeout, () -> {
					records.addAll(reader.poll());
					return reader.atEnd();
				});
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError("Could not read " + topic + " to its end within " + timeout + " ("
						+ records.size() + " records read)", ex);
			}
			return records;
		}
	}

	/** Sends a record with a UTF-8 value and string headers; returns once the broker has it. */
	public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
		return send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
	}

	/** Sends a record whose value is any bytes (e.g. poison input); returns once the broker has it. */
	public RecordMetadata send(String topic, String key, byte[] value, Map<String, String> headers) {
		return sendAll(List.of(record(topic, key, value, headers))).get(0);
	}

	/**
	 * Sends records in order with one producer (much faster than one {@link #send} each); returns
	 * their metadata once the broker has them all.
	 */
	public List<RecordMetadata> sendAll(List<ProducerRecord<String, byte[]>> records) {
		var config = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers.get(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "test-kit-sender");
		try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
			var sent = records.stream().map(producer::send).toList();
			var metadata = new ArrayList<RecordMetadata>();
			for (var one : sent) {
				metadata.add(one.get());
			}
			return metadata;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending to " + topicsOf(records), ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Sending to " + topicsOf(records) + " failed", ex.getCause());
		}
	}

	private static String topicsOf(List<ProducerRecord<String, byte[]>> records) {
		return records.stream().map(ProducerRecord::topic).distinct().collect(Collectors.joining(", "));
	}

	/** A record with any bytes as its value and string headers (UTF-8), for {@link #sendAll}. */
	public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value,
			Map<String, String> headers) {
		var recordHeaders = headers.entrySet()
			.stream()
			.map(header -> (Header) new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)))
			.toList();
		return new ProducerRecord<>(topic, null, key, value, recordHeaders);
	}

	/**
	 * Waits until a consumer group has committed an offset past the record, that is, until the
	 * group's listener is done with it and every record before it on its partition.
	 *
	 * @throws AssertionError when it has not within the timeout
	 */
	public void awaitConsumed(String groupId, RecordMetadata record, Duration timeout) {
		var partition = new TopicPartition(record.topic(), record.partition());
		try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers.get(),
				AdminClientConfig.CLIENT_ID_CONFIG, "test-kit-admin"))) {
			var committed = new long[] { -1 };
			try {
				await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
					var offset = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().get(partition);
					committed[0] = offset == null ? -1 : offset.offset();
					return committed[0] > record.offset();
				});
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError("Consumer group " + groupId + " did not get past " + partition + "@"
						+ record.offset() + " within " + timeout + " (committed: " + committed[0] + ")", ex);
			}
		}
	}

	/** The last value of a header as UTF-8, or {@code null} when the record has none. */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header == null || header.value() == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static void poll(Duration timeout, Callable<Boolean> done) {
		// in the calling thread: a KafkaConsumer belongs to one thread
		await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(done);
	}

	// keys, types and positions only: values may hold personal data
	private static String describe(List<ConsumerRecord<String, String>> records) {
		return records.stream()
			.map(record -> record.partition() + "@" + record.offset() + " key=" + record.key() + " ce_type="
					+ header(record, "ce_type"))
			.collect(Collectors.joining(", ", "[", "]"));
	}

	/** A consumer assigned to every partition of one topic, from the beginning, without a group. */
	private final class Reader implements AutoCloseable {

		private final String topic;

		private final KafkaConsumer<String, String> consumer;

		private Map<TopicPartition, Long> endOffsets;

		private int read;

		Reader(String topic) {
			this.topic = topic;
			var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get(),
					ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
					// reading must not create the topic with default settings before the service does
					ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
					ConsumerConfig.CLIENT_ID_CONFIG, "test-kit-reader");
			this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
		}

		/** Assigns all partitions once the topic exists; returns whether it is assigned. */
		boolean assign() {
			if (this.endOffsets != null) {
				return true;
			}
			// returns at once (empty) for a topic that does not exist; the timeout covers connecting
			var partitions = this.consumer.partitionsFor(this.topic, METADATA_TIMEOUT)
				.stream()
				.map(info -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				return false;
			}
			this.consumer.assign(partitions);
			this.consumer.seekToBeginning(partitions);
			this.endOffsets = this.consumer.endOffsets(partitions, METADATA_TIMEOUT);
			return true;
		}

		List<ConsumerRecord<String, String>> poll() {
			if (!assign()) {
				return List.of();
			}
			var records = new ArrayList<ConsumerRecord<String, String>>();
			this.consumer.poll(POLL).forEach(records::add);
			this.read += records.size();
			return records;
		}

		/** Whether every partition has been read up to its end offset as of the assignment. */
		boolean atEnd() {
			return this.endOffsets.entrySet()
				.stream()
				.allMatch(end -> this.consumer.position(end.getKey(), METADATA_TIMEOUT) >= end.getValue());
		}

		@Override
		public void close() {
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
		}
	}
}
