package dev.postpurchase.tracking.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import dev.postpurchase.tracking.ConcurrentWrites;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parcels registered from order-service's OrderShipped or the API, moved by canonical carrier
 * updates, whatever their order and repetitions.
 */
@TrackingServiceIntegrationTest
class ShipmentTrackingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final Location UTRECHT = new Location("Utrecht", "3542", "NL", "Europe/Amsterdam");

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	ConcurrentWrites concurrentWrites;

	@Autowired
	MeterRegistry meters;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void anOrderShippedOnOrderEventsRegistersTheParcelOnceWithoutPersonalData() {
		var sample = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(OrderShipped.class));
		var orderId = "ord_" + UUID.randomUUID().toString().substring(0, 8);
		var tracking = "3S" + System.nanoTime();
		sample.put("orderId", orderId).put("trackingNumber", tracking).put("eventId", UUID.randomUUID().toString());
		var headers = Map.of("ce_type", OrderShipped.TYPE, "ce_id", sample.get("eventId").asString());
		topics.send(Topics.ORDER_EVENTS, orderId, sample.toString(), headers);
		topics.send(Topics.ORDER_EVENTS, orderId, sample.toString(), headers);

		var registered = topics.read(Topics.SHIPMENT_EVENTS, r -> orderId.equals(r.key()), 1, TIMEOUT);
		assertThat(KafkaTopics.header(registered.get(0), "ce_type")).isEqualTo(ShipmentRegistered.TYPE);
		var event = EventJson.mapper().readValue(registered.get(0).value(), ShipmentRegistered.class);
		assertThat(event.trackingNumber()).isEqualTo(tracking);
		assertThat(event.promise()).isEqualTo(GoldenSamples.load(OrderShipped.class).promise());

		web.get().uri("/api/v1/shipments?orderId={id}", orderId).headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(1)
			.jsonPath("$[0].status").isEqualTo("Pending")
			.jsonPath("$[0].promiseState").exists();
		// nothing about the customer is stored: erasure has nothing to remove here
		var stored = mongo.findById(event.carrier() + ":" + tracking, Document.class, "shipments").block();
		assertThat(stored.toJson()).doesNotContain("email", "phone", "\"name\"", "line1", "customerId");
		assertThat(eventsOf(orderId)).hasSize(1);
	}

	@Test
	void aCleanSequenceMovesTheParcelThroughTheTaxonomy() {
		var parcel = register();
		var sequence = cleanSequence(parcel);
		sequence.forEach(update -> send(List.of(update)));

		var events = awaitDelivered(parcel.orderId());
		assertThat(statusChanges(events)).containsExactly("Pending>InfoReceived", "InfoReceived>InTransit",
				"InTransit>OutForDelivery", "OutForDelivery>Delivered");
		var delivered = EventJson.mapper().readValue(events.get(events.size() - 1).value(), ShipmentDelivered.class);
		assertThat(delivered.deliveredAt()).isEqualTo(Instant.parse("2026-05-13T12:42:00Z"));
		assertThat(delivered.promiseState().name()).isEqualTo("DELIVERED_ON_TIME");

		shipment(parcel).jsonPath("$[0].status").isEqualTo("Delivered")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(4)
			// "2026-05-13T14:42:00" without offset, read in the location's zone (CEST)
			.jsonPath("$[0].deliveredAt").isEqualTo("2026-05-13T12:42:00Z");
	}

	@Test
	void shuffledAndRepeatedCheckpointsGiveTheSameStateAndNoDuplicateEvents() {
		var parcel = register();
		var messy = new ArrayList<InboundTrackingUpdate>(cleanSequence(parcel));
		messy.addAll(cleanSequence(parcel).subList(0, 3));
		// the same scan again, enriched by the feed: still one scan
		var transit = cleanSequence(parcel).get(1);
		messy.add(new InboundTrackingUpdate(transit.carrier(), transit.trackingNumber(), transit.checkpointTime(),
				transit.status(), transit.subStatus(), null, "Sorted at depot Utrecht", transit.location(), null));
		Collections.shuffle(messy, new Random(42));
		// in two batches, so some arrive after the delivery
		send(messy.subList(0, 3));
		send(messy.subList(3, messy.size()));

		var events = awaitDelivered(parcel.orderId());
		assertThat(events).filteredOn(r -> ShipmentDelivered.TYPE.equals(KafkaTopics.header(r, "ce_type"))).hasSize(1);
		var changes = statusChanges(events);
		assertThat(changes).doesNotHaveDuplicates().endsWith("OutForDelivery>Delivered");
		// never backwards: each change goes to a higher rank
		events.stream().filter(r -> ShipmentStatusChanged.TYPE.equals(KafkaTopics.header(r, "ce_type")))
			.map(r -> EventJson.mapper().readValue(r.value(), ShipmentStatusChanged.class))
			.forEach(change -> assertThat(change.status().rank()).isGreaterThan(change.previousStatus().rank()));
		shipment(parcel).jsonPath("$[0].status").isEqualTo("Delivered")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(4)
			.jsonPath("$[0].checkpoints[0].status").isEqualTo("InfoReceived")
			.jsonPath("$[0].checkpoints[3].status").isEqualTo("Delivered");
	}

	@Test
	void aDeliveredParcelStaysDeliveredUnlessItGoesBackToTheSender() {
		var parcel = register();
		send(cleanSequence(parcel));
		awaitDelivered(parcel.orderId());
		send(List.of(update(parcel, "2026-05-13T18:00:00", TrackingStatus.IN_TRANSIT, "InTransit_002", null)));
		shipment(parcel).jsonPath("$[0].status").isEqualTo("Delivered");
		send(List.of(update(parcel, "2026-05-15T09:00:00", TrackingStatus.EXCEPTION, "Exception_010",
				ExceptionReason.RETURNED_TO_SENDER)));
		shipment(parcel).jsonPath("$[0].status").isEqualTo("Exception")
			.jsonPath("$[0].subStatus").isEqualTo("Exception_010");
	}

	@Test
	void anInvalidUpdateRejectsItsWholeBatchAndAValidBatchAnswersForEachUpdate() {
		var parcel = register();
		var inTransit = update(parcel, "2026-05-12T06:30:00", TrackingStatus.IN_TRANSIT, "InTransit_002", null);
		var outForDelivery = update(parcel, "2026-05-13T08:10:00", TrackingStatus.OUT_FOR_DELIVERY, "OutForDelivery_001",
				null);
		var broken = update(parcel, "noon", TrackingStatus.OUT_FOR_DELIVERY, "OutForDelivery_001", null);
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(List.of(inTransit, broken))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("[1]", "checkpointTime"));
		// nothing of the rejected batch was applied
		shipment(parcel).jsonPath("$[0].status").isEqualTo("Pending");

		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(List.of(inTransit, outForDelivery, inTransit))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody()
			.jsonPath("$.results.length()").isEqualTo(3)
			.jsonPath("$.results[0].outcome").isEqualTo("applied")
			.jsonPath("$.results[1].outcome").isEqualTo("applied")
			.jsonPath("$.results[2].outcome").isEqualTo("unchanged")
			.jsonPath("$.results[2].trackingNumber").isEqualTo(parcel.trackingNumber());
		shipment(parcel).jsonPath("$[0].status").isEqualTo("OutForDelivery")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(2);
	}

	@Test
	void anUpdateForAnUnknownParcelIsParkedAndAppliedWhenItRegisters() {
		var parcel = new Parcel("ord_" + UUID.randomUUID().toString().substring(0, 8), "DPD", "0150" + System.nanoTime());
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(update(parcel, "2026-05-12T09:00:00+02:00", TrackingStatus.IN_TRANSIT, "InTransit_001", null))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.results[0].outcome").isEqualTo("parked");
		register(parcel);
		shipment(parcel).jsonPath("$[0].status").isEqualTo("InTransit")
			.jsonPath("$[0].carrier").isEqualTo("dpd");
	}

	/**
	 * A parcel registered while updates wait for it, and the registration has not applied them yet
	 * (still at it, or it failed half-way when MongoDB went away): a newer update goes after them, so
	 * the failed attempt the parked ones tell of is raised, then resolved by the delivery.
	 */
	@Test
	void anUpdateForAParcelWithParkedUpdatesGoesAfterThem() {
		var parcel = new Parcel("ord_" + UUID.randomUUID().toString().substring(0, 8), "DPD", "0150" + System.nanoTime());
		send(List.of(update(parcel, "2026-05-12T06:30:00", TrackingStatus.IN_TRANSIT, "InTransit_002", null),
				update(parcel, "2026-05-13T11:00:00", TrackingStatus.ATTEMPT_FAIL, "AttemptFail_001", null)));
		var key = ShipmentKey.of(parcel.carrier(), parcel.trackingNumber());
		mongo.insert(Shipment.register(key, new Registration(null, parcel.orderId(), parcel.carrier(),
				parcel.trackingNumber(), Direction.OUTBOUND, null,
				new DeliveryPromise(null, Instant.parse("2026-05-14T21:59:59Z"), AMSTERDAM), null), Clock.systemUTC()))
			.block(TIMEOUT);

		send(List.of(update(parcel, "2026-05-14T10:00:00", TrackingStatus.DELIVERED, "Delivered_001", null)));

		var raised = topics.read(Topics.DELIVERY_EXCEPTION_EVENTS, r -> parcel.orderId().equals(r.key())
				&& DeliveryExceptionRaised.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT);
		assertThat(EventJson.mapper().readValue(raised.get(0).value(), DeliveryExceptionRaised.class).kind())
			.isEqualTo(ExceptionKind.FAILED_ATTEMPT);
		assertThat(statusChanges(awaitDelivered(parcel.orderId()))).containsExactly("Pending>InTransit",
				"InTransit>AttemptFail", "AttemptFail>Delivered");
		assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
				org.springframework.data.mongodb.core.query.Criteria.where("shipmentKey").is(key.id())), ParkedUpdate.class)
			.block(TIMEOUT)).isZero();
	}

	@Test
	void poisonOnTrackingInboundGoesToTheDeadLetterTopicAndTheNextUpdateIsApplied() {
		var parcel = register();
		var key = parcel.trackingNumber();
		topics.send(Topics.TRACKING_INBOUND, key, "{\"carrier\":", Map.of());
		var bad = (ObjectNode) EventJson.mapper().valueToTree(update(parcel, "yesterday", TrackingStatus.IN_TRANSIT, null, null));
		topics.send(Topics.TRACKING_INBOUND, key, bad.toString(), Map.of("ce_type", InboundTrackingUpdate.TYPE));
		topics.send(Topics.TRACKING_INBOUND, key, EventJson.mapper().writeValueAsString(
				update(parcel, "2026-05-12T09:00:00+02:00", TrackingStatus.IN_TRANSIT, "InTransit_001", null)), Map.of());
		await().atMost(TIMEOUT).untilAsserted(() -> shipment(parcel).jsonPath("$[0].status").isEqualTo("InTransit"));
		var dead = topics.read(Topics.deadLetter(Topics.TRACKING_INBOUND), r -> key.equals(r.key()), 2, TIMEOUT);
		assertThat(dead).hasSize(2);
	}

	/**
	 * A burst on tracking.inbound, read a poll's worth at a time: every parcel's updates apply in
	 * order whatever else the batch holds, a repeated scan once, an invalid update in the middle goes
	 * to the dead-letter topic alone, and one for a parcel not registered yet waits for it.
	 */
	@Test
	void aBurstOnTrackingInboundAppliesEachParcelsUpdatesInOrderAndDeadLettersOnlyTheInvalidOne() {
		var first = register();
		var second = register();
		var unregistered = new Parcel("ord_" + UUID.randomUUID().toString().substring(0, 8), "DPD",
				"0150" + System.nanoTime());
		var key = "burst-" + UUID.randomUUID();
		var burst = new ArrayList<InboundTrackingUpdate>();
		for (int i = 0; i < 4; i++) {
			burst.add(cleanSequence(first).get(i));
			burst.add(cleanSequence(second).get(i));
			if (i == 1) {
				burst.add(cleanSequence(first).get(1));
				burst.add(update(second, "yesterday", TrackingStatus.IN_TRANSIT, null, null));
				burst.add(update(unregistered, "2026-05-12T09:00:00+02:00", TrackingStatus.IN_TRANSIT, "InTransit_001",
						null));
			}
		}
		burst.forEach(update -> topics.send(Topics.TRACKING_INBOUND, key, EventJson.mapper().writeValueAsString(update),
				Map.of()));

		var taxonomy = List.of("Pending>InfoReceived", "InfoReceived>InTransit", "InTransit>OutForDelivery",
				"OutForDelivery>Delivered");
		assertThat(statusChanges(awaitDelivered(first.orderId()))).isEqualTo(taxonomy);
		assertThat(statusChanges(awaitDelivered(second.orderId()))).isEqualTo(taxonomy);
		register(unregistered);
		shipment(unregistered).jsonPath("$[0].status").isEqualTo("InTransit");
		topics.read(Topics.deadLetter(Topics.TRACKING_INBOUND), r -> key.equals(r.key()), 1, TIMEOUT);
		assertThat(topics.readAll(Topics.deadLetter(Topics.TRACKING_INBOUND), TIMEOUT))
			.filteredOn(r -> key.equals(r.key()))
			.singleElement()
			.satisfies(dead -> {
				assertThat(dead.value()).contains("yesterday");
				// named as a record listener's failure would be, not as the batch's
				assertThat(KafkaTopics.header(dead, "kafka_dlt-exception-cause-fqcn"))
					.isEqualTo(PoisonMessageException.class.getName());
			});
	}

	/**
	 * Someone else writes the shipment between the batch's read and its bulk write (the outbox relay
	 * removing published entries, say): the write finds another version, and the update is applied
	 * again on what is stored, not lost.
	 */
	@Test
	void anUpdateOnTrackingInboundIsNotLostWhenTheShipmentChangesBetweenReadAndWrite() {
		var parcel = register();
		var conflicts = meters.counter("tracking.updates.batch.conflicts");
		var before = conflicts.count();
		concurrentWrites.beforeNextWriteOf(parcel.trackingNumber());

		topics.send(Topics.TRACKING_INBOUND, parcel.trackingNumber(),
				EventJson.mapper().writeValueAsString(cleanSequence(parcel).get(1)), Map.of());

		topics.read(Topics.SHIPMENT_EVENTS, r -> parcel.orderId().equals(r.key())
				&& ShipmentStatusChanged.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT);
		assertThat(statusChanges(eventsOf(parcel.orderId()))).containsExactly("Pending>InTransit");
		shipment(parcel).jsonPath("$[0].status").isEqualTo("InTransit")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(1);
		assertThat(conflicts.count()).isGreaterThan(before);
	}

	@Test
	void badInputIsA400ProblemAndTheApiNeedsTheRightScope() {
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("[{\"carrier\": \"dhl\", \"trackingNumber\": \"X1\", \"status\": \"Teleported\"}]")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("[0]", "status",
					"InTransit"));
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(Map.of("carrier", "dhl", "trackingNumber", "X1", "status", "InTransit", "checkpointTime", "noon"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("checkpointTime"));
		web.post().uri("/api/v1/tracking-events").bodyValue(Map.of()).exchange().expectStatus().isUnauthorized();
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.bodyValue(Map.of()).exchange().expectStatus().isForbidden();
		web.get().uri("/api/v1/shipments/NOPE").headers(h -> h.setBearerAuth(TestTokens.of("orders:read"))).exchange()
			.expectStatus().isNotFound();
	}

	record Parcel(String orderId, String carrier, String trackingNumber) {
	}

	private Parcel register() {
		var parcel = new Parcel("ord_" + UUID.randomUUID().toString().substring(0, 8), "PostNL", "3S" + System.nanoTime());
		register(parcel);
		return parcel;
	}

	private void register(Parcel parcel) {
		var promise = new DeliveryPromise(null, Instant.parse("2026-05-13T21:59:59Z"), AMSTERDAM);
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(Map.of("orderId", parcel.orderId(), "carrier", parcel.carrier(), "trackingNumber",
					parcel.trackingNumber(), "promise", promise))
			.exchange()
			.expectStatus().isCreated();
	}

	private static List<InboundTrackingUpdate> cleanSequence(Parcel parcel) {
		return List.of(update(parcel, "2026-05-11T18:05:00", TrackingStatus.INFO_RECEIVED, "InfoReceived_001", null),
				update(parcel, "2026-05-12T06:30:00", TrackingStatus.IN_TRANSIT, "InTransit_002", null),
				update(parcel, "2026-05-13T08:10:00", TrackingStatus.OUT_FOR_DELIVERY, "OutForDelivery_001", null),
				update(parcel, "2026-05-13T14:42:00", TrackingStatus.DELIVERED, "Delivered_001", null));
	}

	private static InboundTrackingUpdate update(Parcel parcel, String time, TrackingStatus status, String subStatus,
			ExceptionReason reason) {
		return new InboundTrackingUpdate(parcel.carrier(), parcel.trackingNumber(), time, status, subStatus, reason,
				"scan", UTRECHT, null);
	}

	private void send(List<InboundTrackingUpdate> updates) {
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(updates)
			.exchange()
			.expectStatus().isAccepted();
	}

	private WebTestClient.BodyContentSpec shipment(Parcel parcel) {
		return web.get().uri("/api/v1/shipments/{n}", parcel.trackingNumber())
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody();
	}

	private List<ConsumerRecord<String, String>> awaitDelivered(String orderId) {
		topics.read(Topics.SHIPMENT_EVENTS, r -> orderId.equals(r.key())
				&& ShipmentDelivered.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT);
		return eventsOf(orderId);
	}

	private List<ConsumerRecord<String, String>> eventsOf(String orderId) {
		return topics.readAll(Topics.SHIPMENT_EVENTS, TIMEOUT).stream().filter(r -> orderId.equals(r.key())).toList();
	}

	/** "Previous>New" per status change, in the contract's status names. */
	private static List<String> statusChanges(List<ConsumerRecord<String, String>> events) {
		return events.stream()
			.filter(r -> ShipmentStatusChanged.TYPE.equals(KafkaTopics.header(r, "ce_type")))
			.map(r -> EventJson.mapper().readTree(r.value()))
			.map(change -> change.get("previousStatus").asString() + ">" + change.get("status").asString())
			.toList();
	}


}
