package dev.postpurchase.tracking.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.shipment.Carriers;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;

/**
 * Parcels of the AfterShip tests: registered by the API as order-service's OrderShipped would, read
 * back by the API, and what tracking-service published about them on {@code shipment.events}.
 */
final class Parcels {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** End of 27 October 2026 in Amsterdam (CET): the delivered fixture is promised by then. */
	static final DeliveryPromise PROMISE = new DeliveryPromise(null, Instant.parse("2026-10-27T22:59:59Z"),
			ZoneId.of("Europe/Amsterdam"));

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final WebTestClient web;

	private final ReactiveMongoTemplate mongo;

	Parcels(WebTestClient web, ReactiveMongoTemplate mongo) {
		this.web = web;
		this.mongo = mongo;
	}

	record Parcel(String orderId, String carrier, String trackingNumber) {

		String shipmentKey() {
			return Carriers.normalize(carrier) + ":" + trackingNumber;
		}

	}

	/** A parcel no other test uses (not registered yet). */
	static Parcel newParcel(String carrier, String prefix) {
		return new Parcel("ord_" + UUID.randomUUID().toString().substring(0, 8), carrier,
				prefix + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
	}

	Parcel register(String carrier, String prefix) {
		return register(newParcel(carrier, prefix));
	}

	Parcel register(Parcel parcel) {
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(Map.of("orderId", parcel.orderId(), "carrier", parcel.carrier(), "trackingNumber",
					parcel.trackingNumber(), "promise", PROMISE))
			.exchange()
			.expectStatus().isCreated();
		return parcel;
	}

	/** The parcel as {@code GET /api/v1/shipments/{trackingNumber}} shows it (a list, one per carrier). */
	WebTestClient.BodyContentSpec shipment(Parcel parcel) {
		return web.get().uri("/api/v1/shipments/{n}", parcel.trackingNumber())
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody();
	}

	/** The stored shipment document. */
	Document stored(Parcel parcel) {
		return mongo.findById(parcel.shipmentKey(), Document.class, "shipments").block(TIMEOUT);
	}

	/**
	 * Everything published about the parcel's order on {@code shipment.events}, once the shipment's
	 * outbox is empty: what the shipment had to publish is then all on the topic, so "nothing more"
	 * assertions are exact. One record per event, as consumers see them: a record the relay published
	 * again (same {@code ce_id}, at-least-once) counts once.
	 */
	List<ConsumerRecord<String, String>> published(Parcel parcel) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stored(parcel).getList(OutboxEntry.FIELD, Document.class,
				List.of()))
			.as("events of the shipment not published yet (type, topic)")
			.map(entry -> entry.getString("type") + " on " + entry.getString("topic"))
			.isEmpty());
		var eventIds = new HashSet<String>();
		return topics.readAll(Topics.SHIPMENT_EVENTS, TIMEOUT)
			.stream()
			.filter(record -> parcel.orderId().equals(record.key()))
			.filter(record -> eventIds.add(KafkaTopics.header(record, "ce_id")))
			.toList();
	}

	/** Waits for {@code count} events of the type about the parcel's order on {@code shipment.events}. */
	List<ConsumerRecord<String, String>> awaitPublished(Parcel parcel, String type, int count) {
		return topics.read(Topics.SHIPMENT_EVENTS,
				record -> parcel.orderId().equals(record.key()) && type.equals(type(record)), count, TIMEOUT);
	}

	static String type(ConsumerRecord<String, String> record) {
		return KafkaTopics.header(record, "ce_type");
	}

}
