package dev.postpurchase.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.postpurchase.bench.platform.Platform;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;

/**
 * The carriers: sends the scans of a {@link ScanPlan} as they come due, on {@code tracking.inbound}
 * (the high-volume way in: a plain Kafka producer keyed by tracking number, the same settings as the
 * platform's producers and the raw probe) or by REST ({@code POST /api/v1/tracking-events}, arrays of
 * up to {@code restBatch} updates, the carrier role's token). A scan is accepted when the broker
 * acknowledged it (acks=all) or tracking-service answered 202; that time is kept on the parcel.
 */
public final class Scans implements AutoCloseable {

	/** How the scans travel. */
	public enum Via {

		KAFKA, REST

	}

	private static final long TICK_NANOS = 5_000_000;

	private final Via via;

	private final KafkaProducer<String, byte[]> producer;

	private final HttpClient http;

	private final URI trackingEvents;

	private final String token;

	private final int restBatch;

	private final Semaphore restPermits = new Semaphore(8);

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong lastAccepted = new AtomicLong();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	public Scans(Platform platform, Via via, int restBatch) {
		this.via = via;
		this.restBatch = restBatch;
		if (via == Via.KAFKA) {
			this.producer = new KafkaProducer<>(producerSettings(platform.kafkaBootstrapServers(), "bench-carriers"));
			this.http = null;
			this.trackingEvents = null;
			this.token = null;
		}
		else {
			this.producer = null;
			this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			this.trackingEvents = platform.service("tracking-service").resolve("/api/v1/tracking-events");
			this.token = platform.token("carrier");
		}
	}

	/** The platform's producer settings (service-kit): acks=all, idempotent, lz4. */
	public static Properties producerSettings(String bootstrapServers, String clientId) {
		var settings = new Properties();
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return settings;
	}

	/**
	 * What was offered.
	 *
	 * @param firstSent when the first scan went, epoch microseconds
	 * @param lastAccepted when the last one was accepted
	 */
	public record Offered(long scans, long firstSent, long lastSent, long lastAccepted) {

		/** Scans per second, from the first sent to the last accepted. */
		public double perSecond() {
			long micros = Math.max(1, this.lastAccepted - this.firstSent);
			return this.scans * 1e6 / micros;
		}

		public double sendingSeconds() {
			return (this.lastSent - this.firstSent) / 1e6;
		}
	}

	/** Sends every scan of the plan at its rate (as fast as taken when the rate is 0) and waits for them to be accepted. */
	public Offered send(ScanPlan plan, double rate) {
		long before = this.accepted.get();
		long first = Clocks.micros();
		long start = System.nanoTime();
		var virtual = new double[1];
		while (!plan.done()) {
			List<ScanPlan.Scan> due;
			if (rate > 0) {
				due = plan.due((System.nanoTime() - start) / 1e9);
			}
			else {
				due = plan.nextRound(virtual);
			}
			send(plan, due);
			throwIfFailed();
			if (rate > 0) {
				LockSupport.parkNanos(TICK_NANOS);
			}
		}
		long lastSent = Clocks.micros();
		if (this.producer != null) {
			this.producer.flush();
		}
		this.restPermits.acquireUninterruptibly(8);
		this.restPermits.release(8);
		throwIfFailed();
		return new Offered(this.accepted.get() - before, first, lastSent, this.lastAccepted.get());
	}

	/** Sends these scans now and waits until they are accepted (the template parcel of the seeded steps). */
	public void sendNow(ScanPlan plan, List<ScanPlan.Scan> scans) {
		send(plan, scans);
		if (this.producer != null) {
			this.producer.flush();
		}
		this.restPermits.acquireUninterruptibly(8);
		this.restPermits.release(8);
		throwIfFailed();
	}

	private void send(ScanPlan plan, List<ScanPlan.Scan> due) {
		if (due.isEmpty()) {
			return;
		}
		if (this.via == Via.KAFKA) {
			for (var scan : due) {
				this.producer.send(new ProducerRecord<>(Topics.TRACKING_INBOUND, scan.parcel().trackingNumber(), plan.json(scan)),
						(metadata, exception) -> {
							if (exception != null) {
								this.failure.compareAndSet(null, exception);
								return;
							}
							accepted(scan, Clocks.micros());
						});
			}
			return;
		}
		for (int from = 0; from < due.size(); from += this.restBatch) {
			var batch = List.copyOf(due.subList(from, Math.min(due.size(), from + this.restBatch)));
			var body = new ArrayList<Object>();
			batch.forEach(scan -> body.add(plan.update(scan)));
			var request = HttpRequest.newBuilder(this.trackingEvents)
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + this.token)
				.POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper()
					.writeValueAsBytes(body)))
				.build();
			this.restPermits.acquireUninterruptibly();
			this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, exception) -> {
				this.restPermits.release();
				if (exception != null || response.statusCode() != 202) {
					this.failure.compareAndSet(null, exception != null ? exception
							: new IllegalStateException("tracking-service answered " + response.statusCode() + ": "
									+ response.body()));
					return;
				}
				long now = Clocks.micros();
				batch.forEach(scan -> accepted(scan, now));
			});
		}
	}

	private void accepted(ScanPlan.Scan scan, long micros) {
		scan.parcel().scanAccepted(scan.stage(), micros);
		this.accepted.incrementAndGet();
		this.lastAccepted.accumulateAndGet(micros, Math::max);
	}

	private void throwIfFailed() {
		var failed = this.failure.get();
		if (failed != null) {
			throw new IllegalStateException("A scan was not accepted: " + failed, failed);
		}
	}

	public Via via() {
		return this.via;
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(10));
		}
	}
}
