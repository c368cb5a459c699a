package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.exception.Parcels.Parcel;

/**
 * Mail-in return parcels, registered from returns-service's ReturnLabelIssued on {@code return.events}
 * and followed back to the warehouse: their scans publish with {@code direction: RETURN} and the
 * return's id, and, promised nothing to the customer, they raise no delivery exceptions.
 */
@TrackingServiceIntegrationTest
class ReturnParcelIntegrationTests {

	private static final Duration TIMEOUT = Parcels.TIMEOUT;

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	ExceptionChecker checker;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	Parcels parcels;

	@BeforeEach
	void parcels() {
		parcels = new Parcels(web, mongo);
	}

	@Test
	void aReturnLabelRegistersTheReturnParcelOnceAndItsScansPublishWithTheReturn() {
		var parcel = returnParcel(newOrderId());
		var label = label(parcel, "ret_" + unique(), "PostNL");
		issue(label);
		issue(label); // redelivered

		var registered = read(awaitPublished(parcel, ShipmentRegistered.TYPE), ShipmentRegistered.class);
		assertThat(registered.direction()).isEqualTo(Direction.RETURN);
		assertThat(registered.returnId()).isEqualTo(label.returnId());
		assertThat(registered.carrier()).isEqualTo("postnl");
		assertThat(registered.trackingNumber()).isEqualTo(parcel.trackingNumber());
		assertThat(registered.promise()).isNull();

		var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		// the carrier's estimate is kept and told in the status change, but it revises no promise
		var estimate = now.plus(Duration.ofDays(1));
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(new InboundTrackingUpdate("PostNL", parcel.trackingNumber(),
					now.minus(Duration.ofHours(5)).toString(), TrackingStatus.IN_TRANSIT, null, null, "scan",
					Parcels.UTRECHT, estimate.toString()))
			.exchange()
			.expectStatus().isAccepted();
		parcels.scan(parcel, now.minus(Duration.ofHours(1)), TrackingStatus.DELIVERED, null);
		awaitPublished(parcel, ShipmentDelivered.TYPE);

		var events = published(parcel, registered.shipmentId());
		assertThat(events).map(ReturnParcelIntegrationTests::type)
			.containsExactly(ShipmentRegistered.TYPE, ShipmentStatusChanged.TYPE, ShipmentStatusChanged.TYPE,
					ShipmentDelivered.TYPE);
		var changes = events.stream()
			.filter(record -> ShipmentStatusChanged.TYPE.equals(type(record)))
			.map(record -> read(record, ShipmentStatusChanged.class))
			.toList();
		assertThat(changes).allSatisfy(change -> {
			assertThat(change.direction()).isEqualTo(Direction.RETURN);
			assertThat(change.returnId()).isEqualTo(label.returnId());
			assertThat(change.orderId()).isEqualTo(parcel.orderId());
			// nothing was promised about a return parcel: no promise state to measure
			assertThat(change.promiseState()).isNull();
		});
		assertThat(changes).map(change -> change.previousStatus().name() + ">" + change.status().name())
			.containsExactly("PENDING>IN_TRANSIT", "IN_TRANSIT>DELIVERED");
		assertThat(changes.get(0).estimatedDelivery()).isEqualTo(estimate);
		var delivered = read(events.get(3), ShipmentDelivered.class);
		assertThat(delivered.direction()).isEqualTo(Direction.RETURN);
		assertThat(delivered.returnId()).isEqualTo(label.returnId());
		assertThat(delivered.shipmentId()).isEqualTo(registered.shipmentId());
		assertThat(delivered.deliveredAt()).isEqualTo(now.minus(Duration.ofHours(1)));
		assertThat(delivered.promise()).isNull();
		assertThat(delivered.promiseState()).isNull();

		// the label once more; a second return of the order, on the same partition (key order id) after
		// it, marks when the listener has read it
		issue(label);
		var second = returnParcel(parcel.orderId());
		issue(label(second, "ret_" + unique(), "PostNL"));
		await().atMost(TIMEOUT).until(() -> parcels.shipment(second) != null);
		assertThat(published(parcel, registered.shipmentId())).map(ReturnParcelIntegrationTests::eventId)
			.containsExactlyElementsOf(events.stream().map(ReturnParcelIntegrationTests::eventId).toList());
		var stored = parcels.shipment(parcel);
		assertThat(stored.isReturn()).isTrue();
		assertThat(stored.returnId()).isEqualTo(label.returnId());
		assertThat(stored.promiseState()).isNull();
		// customerId is in the label, not in tracking-service
		assertThat(mongo.findById(parcel.id(), Document.class, "shipments").block().toJson())
			.doesNotContain("customerId", label.customerId(), label.labelUrl());
	}

	@Test
	void aScanBeforeTheLabelIsParkedAndAppliedWhenTheLabelRegistersTheParcel() {
		var parcel = returnParcel(newOrderId());
		var scannedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(new InboundTrackingUpdate("PostNL", parcel.trackingNumber(), scannedAt.toString(),
					TrackingStatus.IN_TRANSIT, null, null, "scan", Parcels.UTRECHT, null))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.results[0].outcome").isEqualTo("parked");

		var label = label(parcel, "ret_" + unique(), "PostNL");
		issue(label);

		var change = read(awaitPublished(parcel, ShipmentStatusChanged.TYPE), ShipmentStatusChanged.class);
		assertThat(change.direction()).isEqualTo(Direction.RETURN);
		assertThat(change.returnId()).isEqualTo(label.returnId());
		assertThat(change.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
		assertThat(change.checkpoint().occurredAt()).isEqualTo(scannedAt);
		assertThat(parcels.shipment(parcel).status()).isEqualTo(TrackingStatus.IN_TRANSIT);
		assertThat(mongo.count(Query.query(Criteria.where("shipmentKey").is(parcel.id())), "parked_updates").block())
			.isZero();
	}

	@Test
	void aReturnParcelRaisesNoDeliveryExceptionWhateverTheCarrierSaysAndHoweverLongItTakes() {
		var silent = returnParcel(newOrderId());
		var lost = returnParcel(newOrderId());
		issue(label(silent, "ret_" + unique(), "PostNL"));
		issue(label(lost, "ret_" + unique(), "PostNL"));
		await().atMost(TIMEOUT).until(() -> parcels.shipment(silent) != null && parcels.shipment(lost) != null);
		// outbound parcels in the same situations do raise: the proof that the windows passed and the checker ran
		var silentOutbound = parcels.register(null, null);
		var lostOutbound = parcels.register(null, null);
		var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		parcels.scan(lost, now, TrackingStatus.EXCEPTION, ExceptionReason.LOST);
		parcels.scan(lostOutbound, now, TrackingStatus.EXCEPTION, ExceptionReason.LOST);
		assertThat(parcels.exceptions(lostOutbound, ExceptionKind.CARRIER_EXCEPTION)).singleElement();

		clock.advance(Duration.ofDays(6)); // past NO_INFO and at least 48 business hours in any week
		parcels.awaitOpen(checker, silentOutbound, ExceptionKind.NO_INFO);
		parcels.awaitOpen(checker, lostOutbound, ExceptionKind.STALLED);
		Parcels.runTwice(checker);

		for (var parcel : List.of(silent, lost)) {
			awaitOutboxEmpty(parcel);
			var shipment = parcels.shipment(parcel);
			assertThat(shipment.exceptions()).as(parcel.id()).isEmpty();
			assertThat(shipment.nextCheckAt()).as("the checker never reads " + parcel.id()).isNull();
			assertThat(shipment.promiseState()).isNull();
			assertThat(parcels.raised(parcel)).as(parcel.id()).isEmpty();
		}
		// the carrier's word on the return parcel is still published, for returns-service and the order's view
		var exception = read(awaitPublished(lost, ShipmentStatusChanged.TYPE), ShipmentStatusChanged.class);
		assertThat(exception.direction()).isEqualTo(Direction.RETURN);
		assertThat(exception.status()).isEqualTo(TrackingStatus.EXCEPTION);
		assertThat(exception.checkpoint().reason()).isEqualTo(ExceptionReason.LOST);
	}

	@Test
	void aReturnParcelNamesItsReturnAndHasNoPromise() {
		var parcel = returnParcel(newOrderId());
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(Map.of("orderId", parcel.orderId(), "carrier", "PostNL", "trackingNumber",
					parcel.trackingNumber(), "direction", "RETURN"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("returnId"));
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(Map.of("orderId", parcel.orderId(), "carrier", "PostNL", "trackingNumber",
					parcel.trackingNumber(), "direction", "RETURN", "returnId", "ret_" + unique(), "promise",
					new DeliveryPromise(null, clock.instant().plus(Duration.ofDays(3)), ZoneId.of("Europe/Amsterdam"))))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("promise"));

		// a label without a tracking number cannot be followed: a dead letter, not a retry loop
		issue(label(new Parcel(parcel.orderId(), "postnl", " ", null), "ret_" + unique(), "PostNL"));
		assertThat(topics.read(Topics.deadLetter(Topics.RETURN_EVENTS), r -> parcel.orderId().equals(r.key()), 1,
				TIMEOUT)).hasSize(1);
	}

	/** A return parcel no other test uses, of a carrier known by its normalized id. */
	private static Parcel returnParcel(String orderId) {
		return new Parcel(orderId, "postnl", "3SRET" + ThreadLocalRandom.current().nextLong(1_000_000_000L,
				9_999_999_999L), null);
	}

	private ReturnLabelIssued label(Parcel parcel, String returnId, String carrierAsReturnsNamesIt) {
		return new ReturnLabelIssued(UUID.randomUUID(), parcel.orderId(), clock.instant(), returnId,
				"cus_" + unique(), carrierAsReturnsNamesIt, parcel.trackingNumber(),
				"https://returns.postpurchase.dev/labels/" + returnId + ".pdf");
	}

	private void issue(ReturnLabelIssued label) {
		topics.send(Topics.RETURN_EVENTS, label.orderId(), EventJson.mapper().writeValueAsString(label),
				Map.of("ce_type", ReturnLabelIssued.TYPE, "ce_id", label.eventId().toString()));
	}

	/** The first event of the type about the parcel (its tracking number or its shipment) on {@code shipment.events}. */
	private ConsumerRecord<String, String> awaitPublished(Parcel parcel, String type) {
		return topics.read(Topics.SHIPMENT_EVENTS, record -> parcel.orderId().equals(record.key())
				&& type.equals(type(record)) && about(record, parcel), 1, TIMEOUT)
			.stream()
			.filter(record -> type.equals(type(record)) && about(record, parcel))
			.findFirst()
			.orElseThrow();
	}

	private boolean about(ConsumerRecord<String, String> record, Parcel parcel) {
		var shipment = parcels.shipment(parcel);
		return record.value().contains(parcel.trackingNumber())
				|| (shipment != null && record.value().contains(shipment.shipmentId()));
	}

	/**
	 * What the shipment published, once its outbox is empty (so "nothing more" is exact), one record
	 * per event as consumers see them (a record the relay published again counts once).
	 */
	private List<ConsumerRecord<String, String>> published(Parcel parcel, String shipmentId) {
		awaitOutboxEmpty(parcel);
		var eventIds = new HashSet<String>();
		return topics.readAll(Topics.SHIPMENT_EVENTS, TIMEOUT)
			.stream()
			.filter(record -> parcel.orderId().equals(record.key()) && record.value().contains(shipmentId))
			.filter(record -> eventIds.add(eventId(record)))
			.toList();
	}

	private void awaitOutboxEmpty(Parcel parcel) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(mongo.findById(parcel.id(), Document.class, "shipments")
				.block()
				.getList(OutboxEntry.FIELD, Document.class, List.of())).isEmpty());
	}

	private static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
		return EventJson.mapper().readValue(record.value(), type);
	}

	private static String type(ConsumerRecord<String, String> record) {
		return KafkaTopics.header(record, "ce_type");
	}

	private static String eventId(ConsumerRecord<String, String> record) {
		return KafkaTopics.header(record, "ce_id");
	}

	private static String newOrderId() {
		return "ord_" + unique();
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
