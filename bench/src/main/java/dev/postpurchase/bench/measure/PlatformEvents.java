package dev.postpurchase.bench.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.postpurchase.bench.load.Parcel;
import dev.postpurchase.bench.load.Parcels;
import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the platform publishes about the benchmark's parcels, from the end of the topics when
 * the run starts and without a consumer group (it moves no offsets of the platform's):
 * <ul>
 * <li>{@code shipment.events}: registrations, status changes (when the change to out for delivery was
 * published: "shipment updated in tracking-service"), and where each delivery was written, so that
 * cx-metrics-service's progress past it can be checked;</li>
 * <li>{@code notification.events}: notification-service's final decision on each milestone message
 * of each parcel — sent, suppressed (not for quiet hours: that only defers it) or failed for good.</li>
 * </ul>
 * Per parcel, so that work left over from an earlier step never counts for a later one.
 */
public final class PlatformEvents implements AutoCloseable {

	static final String REGISTERED = "dev.postpurchase.shipment.registered.v1";

	static final String STATUS_CHANGED = "dev.postpurchase.shipment.status-changed.v1";

	static final String DELIVERED = "dev.postpurchase.shipment.delivered.v1";

	static final String SENT = "dev.postpurchase.notification.sent.v1";

	static final String SUPPRESSED = "dev.postpurchase.notification.suppressed.v1";

	static final String FAILED = "dev.postpurchase.notification.failed.v1";

	/** Suppressions that are no decision: quiet hours defer a message, a duplicate repeats one. */
	private static final Set<String> NOT_FINAL = Set.of("QUIET_HOURS", "DUPLICATE");

	private final KafkaConsumer<String, byte[]> consumer;

	private final Parcels parcels;

	private final Thread thread;

	private final AtomicLong read = new AtomicLong();

	private volatile boolean running = true;

	public PlatformEvents(String bootstrapServers, Parcels parcels) {
		this.parcels = parcels;
		var settings = new Properties();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-platform-events");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumer = new KafkaConsumer<>(settings);
		var partitions = new ArrayList<TopicPartition>();
		for (var topic : new String[] { Topics.SHIPMENT_EVENTS, Topics.NOTIFICATION_EVENTS }) {
			this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
		}
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position); // resolve the end now, before the run's events
		this.thread = new Thread(this::poll, "bench-platform-events");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void poll() {
		try {
			while (this.running) {
				for (var record : this.consumer.poll(Duration.ofMillis(200))) {
					this.read.incrementAndGet();
					var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
					if (record.key() != null && type != null) {
						var name = new String(type.value(), StandardCharsets.UTF_8);
						// an order's events may come before order-service's answer with its id is read
						this.parcels.withOrder(record.key(), parcel -> read(parcel, name, record));
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

	private void read(Parcel parcel, String type, ConsumerRecord<String, byte[]> record) {
		switch (type) {
			case REGISTERED -> parcel.batch().registered();
			case STATUS_CHANGED -> {
				parcel.batch().statusChanged();
				if (json(record).path("status").asString("").equals("OutForDelivery")) {
					parcel.milestoneUpdated(record.timestamp() * 1000);
				}
			}
			case DELIVERED -> parcel.batch().deliveredAt(record.partition(), record.offset());
			case SENT -> decided(parcel, json(record), "sent");
			case SUPPRESSED -> {
				var event = json(record);
				var reason = event.path("reason").asString("");
				if (!NOT_FINAL.contains(reason)) {
					decided(parcel, event, "suppressed " + reason.toLowerCase(Locale.ROOT));
				}
			}
			case FAILED -> {
				var event = json(record);
				if (!event.path("willRetry").asBoolean(false)) {
					decided(parcel, event, "failed " + event.path("errorCode").asString(""));
				}
			}
			default -> {
				// other events say nothing the benchmark measures
			}
		}
	}

	private static void decided(Parcel parcel, JsonNode event, String outcome) {
		parcel.decided(event.path("milestone").asString(""),
				event.path("channel").asString("").toLowerCase(Locale.ROOT) + " " + outcome);
	}

	private static JsonNode json(ConsumerRecord<String, byte[]> record) {
		return EventJson.mapper().readTree(record.value());
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
