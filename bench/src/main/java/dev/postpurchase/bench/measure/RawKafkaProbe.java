package dev.postpurchase.bench.measure;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.postpurchase.bench.load.Scans;

/**
 * The transport's limit on this broker: a plain producer (the platform's settings: acks=all,
 * idempotent, lz4) writes {@code records} records of the given payloads to a fresh topic with as many
 * partitions as the platform's, while a plain consumer reads them back; the rate is records over the
 * time from the first send to the last record read. The topic is deleted afterwards.
 */
public final class RawKafkaProbe {

	/**
	 * What the probe measured.
	 *
	 * @param recordBytes the mean payload size
	 * @param produceSeconds first send to last acknowledgement
	 * @param endToEndSeconds first send until the last record was read and acknowledged
	 */
	public record Result(long records, double recordBytes, int partitions, double produceSeconds,
			double endToEndSeconds) {

		/** Records produced and consumed per second, end to end. */
		public double perSecond() {
			return this.records / this.endToEndSeconds;
		}

		public double producedPerSecond() {
			return this.records / this.produceSeconds;
		}

		public double megabytesPerSecond() {
			return perSecond() * this.recordBytes / 1e6;
		}
	}

	private RawKafkaProbe() {
	}

	/** How many partitions a topic has (the probe spreads its records like the platform's). */
	public static int partitionsOf(String bootstrapServers, String topic) {
		var settings = new Properties();
		settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		try (var admin = Admin.create(settings)) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read " + topic + "'s partitions: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param payload the value of record {@code i} (the same shape and size as the platform's records)
	 * @param key the key of record {@code i}
	 */
	public static Result run(String bootstrapServers, String topic, int partitions, long records,
			IntFunction<byte[]> payload, IntFunction<String> key, Duration timeout) {
		var adminSettings = new Properties();
		adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		try (var admin = Admin.create(adminSettings)) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
			try {
				return measure(bootstrapServers, topic, partitions, records, payload, key, timeout);
			}
			finally {
				admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The raw Kafka probe failed: " + ex.getMessage(), ex);
		}
	}

	private static Result measure(String bootstrapServers, String topic, int partitions, long records,
			IntFunction<byte[]> payload, IntFunction<String> key, Duration timeout) throws InterruptedException {
		var consumed = new AtomicLong();
		var lastConsumed = new AtomicLong();
		var consumerFailure = new AtomicReference<Throwable>();
		var consumerSettings = new Properties();
		consumerSettings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumerSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-probe");
		consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerSettings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumerSettings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		var deadline = System.nanoTime() + timeout.toNanos();
		var consumer = new KafkaConsumer<String, byte[]>(consumerSettings);
		var assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
		consumer.assign(assigned);
		consumer.seekToBeginning(assigned);
		assigned.forEach(consumer::position);
		var reader = new Thread(() -> {
			try (consumer) {
				while (consumed.get() < records && System.nanoTime() < deadline) {
					int count = consumer.poll(Duration.ofMillis(100)).count();
					if (count > 0) {
						consumed.addAndGet(count);
						lastConsumed.set(System.nanoTime());
					}
				}
			}
			catch (RuntimeException ex) {
				consumerFailure.set(ex);
			}
		}, "bench-raw-probe-consumer");
		reader.start();
		long bytes = 0;
		long started = System.nanoTime();
		var lastAcked = new AtomicLong();
		var producerFailure = new AtomicReference<Exception>();
		try (var producer = new KafkaProducer<String, byte[]>(Scans.producerSettings(bootstrapServers, "bench-raw-probe"))) {
			for (int i = 0; i < records; i++) {
				var value = payload.apply(i);
				bytes += value.length;
				producer.send(new ProducerRecord<>(topic, key.apply(i), value), (metadata, exception) -> {
					if (exception != null) {
						producerFailure.compareAndSet(null, exception);
					}
					lastAcked.accumulateAndGet(System.nanoTime(), Math::max);
				});
			}
			producer.flush();
		}
		reader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		if (producerFailure.get() != null) {
			throw new IllegalStateException("The raw probe's producer failed: " + producerFailure.get(), producerFailure.get());
		}
		if (consumerFailure.get() != null || consumed.get() < records) {
			throw new IllegalStateException("The raw probe read " + consumed.get() + " of " + records + " records within "
					+ timeout.toSeconds() + " s" + (consumerFailure.get() == null ? "" : ": " + consumerFailure.get()));
		}
		// the consumer may read the last record before the producer has processed its acknowledgement:
		// produced and consumed is when both are done
		return new Result(records, (double) bytes / records, partitions, (lastAcked.get() - started) / 1e9,
				(Math.max(lastConsumed.get(), lastAcked.get()) - started) / 1e9);
	}
}
