package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import dev.postpurchase.tracking.shipment.Shipment;
import dev.postpurchase.tracking.shipment.Shipment.DeliveryException;

/** Registers parcels, sends their scans and reads what they published, for the exception tests. */
final class Parcels {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final Location UTRECHT = new Location("Utrecht", "3542", "NL", "Europe/Amsterdam");

	private final WebTestClient web;

	private final ReactiveMongoTemplate mongo;

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	Parcels(WebTestClient web, ReactiveMongoTemplate mongo) {
		this.web = web;
		this.mongo = mongo;
	}

	record Parcel(String orderId, String carrier, String trackingNumber, String shipmentId) {

		String id() {
			return carrier + ":" + trackingNumber;
		}

	}

	/** Runs the checker until it has raised the parcel's exception (other tests' shipments may be due too). */
	void awaitOpen(ExceptionChecker checker, Parcel parcel, ExceptionKind kind) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			checker.runOnce().block();
			assertThat(exceptions(parcel, kind)).anyMatch(exception -> exception.isOpen());
		});
	}

	/** Runs the checker until nothing is due. */
	static void drain(ExceptionChecker checker) {
		await().atMost(TIMEOUT).until(() -> checker.runOnce().block().checked().isEmpty());
	}

	/** Two more checker runs: what is raised once must stay raised once. */
	static void runTwice(ExceptionChecker checker) {
		checker.runOnce().block();
		checker.runOnce().block();
	}

	/** A parcel of a carrier of its own, so listing by carrier finds only it. */
	Parcel register(Instant promisedBy, ZoneId zone) {
		var unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		var parcel = new Parcel("ord_" + unique, "carrier-" + unique, "EX" + unique.toUpperCase(), "shp_" + unique);
		var body = new HashMap<String, Object>();
		body.put("orderId", parcel.orderId());
		body.put("shipmentId", parcel.shipmentId());
		body.put("carrier", parcel.carrier());
		body.put("trackingNumber", parcel.trackingNumber());
		if (promisedBy != null) {
			body.put("promise", new DeliveryPromise(null, promisedBy, zone));
		}
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(body)
			.exchange()
			.expectStatus().isCreated();
		return parcel;
	}

	void scan(Parcel parcel, Instant at, TrackingStatus status, ExceptionReason reason) {
		var update = new InboundTrackingUpdate(parcel.carrier(), parcel.trackingNumber(), at.toString(), status,
				null, reason, "scan", UTRECHT, null);
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(List.of(update))
			.exchange()
			.expectStatus().isAccepted();
	}

	Shipment shipment(Parcel parcel) {
		return mongo.findById(parcel.id(), Shipment.class).block();
	}

	List<DeliveryException> exceptions(Parcel parcel, ExceptionKind kind) {
		return shipment(parcel).exceptions().stream().filter(exception -> exception.kind() == kind).toList();
	}

	/** Waits for the resolution of the parcel's exception of that kind: the marker after which nothing else may come. */
	DeliveryExceptionResolved awaitResolved(Parcel parcel, ExceptionKind kind) {
		var records = topics.read(Topics.DELIVERY_EXCEPTION_EVENTS,
				r -> parcel.orderId().equals(r.key())
						&& DeliveryExceptionResolved.TYPE.equals(KafkaTopics.header(r, "ce_type"))
						&& r.value().contains("\"" + kind.name() + "\""),
				1, TIMEOUT);
		return EventJson.mapper().readValue(records.get(0).value(), DeliveryExceptionResolved.class);
	}

	/** Every DeliveryExceptionRaised of the parcel on the topic so far. */
	List<DeliveryExceptionRaised> raised(Parcel parcel) {
		return eventsOf(parcel, DeliveryExceptionRaised.TYPE).stream()
			.map(r -> EventJson.mapper().readValue(r.value(), DeliveryExceptionRaised.class))
			.toList();
	}

	/** Every DeliveryExceptionResolved of the parcel on the topic so far. */
	List<DeliveryExceptionResolved> resolved(Parcel parcel) {
		return eventsOf(parcel, DeliveryExceptionResolved.TYPE).stream()
			.map(r -> EventJson.mapper().readValue(r.value(), DeliveryExceptionResolved.class))
			.toList();
	}

	private List<ConsumerRecord<String, String>> eventsOf(Parcel parcel, String type) {
		return topics.readAll(Topics.DELIVERY_EXCEPTION_EVENTS, TIMEOUT)
			.stream()
			.filter(r -> parcel.orderId().equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")))
			.toList();
	}

}
