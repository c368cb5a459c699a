package dev.postpurchase.bench.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.postpurchase.bench.load.Parcels;
import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;

/**
 * Reads what tracking-service publishes on {@code shipment.events} (from the end of the topic when the
 * run starts, without a consumer group, so it moves no offsets of the platform's): which of the
 * benchmark's parcels are registered, how many status changes they had, and when the change to out
 * for delivery was published (the record's timestamp) — "shipment updated in tracking-service".
 */
public final class ShipmentEvents implements AutoCloseable {

	static final String REGISTERED = "dev.postpurchase.shipment.registered.v1";

	static final String STATUS_CHANGED = "dev.postpurchase.shipment.status-changed.v1";

	private final KafkaConsumer<String, byte[]> consumer;

	private final Parcels parcels;

	private final Thread thread;

	private final AtomicLong read = new AtomicLong();

	private volatile boolean running = true;

	public ShipmentEvents(String bootstrapServers, Parcels parcels) {
		this.parcels = parcels;
		var settings = new Properties();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-shipment-events");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumer = new KafkaConsumer<>(settings);
		var partitions = this.consumer.partitionsFor(Topics.SHIPMENT_EVENTS, Duration.ofSeconds(30))
			.stream()
			.map(info -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position); // resolve the end now, before the run's events
		this.thread = new Thread(this::poll, "bench-shipment-events");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void poll() {
		try {
			while (this.running) {
				for (var record : this.consumer.poll(Duration.ofMillis(200))) {
					this.read.incrementAndGet();
					var parcel = record.key() == null ? null : this.parcels.byOrderId(record.key());
					var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
					if (parcel == null || type == null) {
						continue;
					}
					var typeId = new String(type.value(), StandardCharsets.UTF_8);
					if (typeId.equals(REGISTERED)) {
						parcel.batch().registered();
					}
					else if (typeId.equals(STATUS_CHANGED)) {
						parcel.batch().statusChanged();
						var status = EventJson.mapper().readTree(record.value()).path("status").asString("");
						if (status.equals("OutForDelivery")) {
							parcel.milestoneUpdated(record.timestamp() * 1000);
						}
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	/** Records read so far, the benchmark's or not. */
	public long read() {
		return this.read.get();
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
