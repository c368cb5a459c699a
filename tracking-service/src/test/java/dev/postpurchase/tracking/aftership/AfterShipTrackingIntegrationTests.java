package dev.postpurchase.tracking.aftership;

import static dev.postpurchase.tracking.aftership.Parcels.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.shipment.DeliveryEstimateRevised;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.aftership.Parcels.Parcel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * AfterShip webhooks moving parcels through the status taxonomy: a realistic sequence, the same
 * webhooks redelivered, shuffled and repeated under new event ids, an Exception with its reason, and
 * a parcel AfterShip knows before tracking-service does.
 */
@TrackingServiceIntegrationTest
class AfterShipTrackingIntegrationTests {

	/**
	 * The delivered fixture's checkpoint times, carrier local time without offset, read in Amsterdam:
	 * summer time (+02:00) until 25 October 2026, winter time (+01:00) after.
	 */
	static final List<Instant> CHECKPOINT_INSTANTS = List.of(Instant.parse("2026-10-23T15:32:00Z"),
			Instant.parse("2026-10-23T19:05:00Z"), Instant.parse("2026-10-26T03:10:00Z"),
			Instant.parse("2026-10-26T08:47:00Z"), Instant.parse("2026-10-26T12:21:00Z"));

	static final List<String> CLEAN_STATUS_CHANGES = List.of("Pending>InfoReceived", "InfoReceived>InTransit",
			"InTransit>OutForDelivery", "OutForDelivery>Delivered");

	/** expected_delivery "2026-10-27": the end of that day in Amsterdam. */
	static final Instant ESTIMATE = Instant.parse("2026-10-27T22:59:59Z");

	@Autowired
	MeterRegistry meters;

	AfterShipDeliveries aftership;

	Parcels parcels;

	@Autowired
	void setUp(WebTestClient web, ReactiveMongoTemplate mongo, Clock clock) {
		this.aftership = new AfterShipDeliveries(web, clock);
		this.parcels = new Parcels(web, mongo);
	}

	@Test
	void aRealisticSequenceMovesTheParcelThroughTheTaxonomyAndRedeliveriesChangeNothing() {
		var parcel = parcels.register("PostNL", "3SPPOD");
		var webhooks = IntStream.rangeClosed(1, 5)
			.mapToObj(count -> aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), count)))
			.toList();
		// found, not registered: the service registers it, with its description, on the first webhook
		var delivered = meters.find("aftership.webhooks.received").tag("tag", "Delivered");
		var deliveredBefore = delivered.counters().stream().mapToDouble(Counter::count).sum();

		for (var count = 1; count <= webhooks.size(); count++) {
			aftership.send(webhooks.get(count - 1))
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.outcome").isEqualTo("applied")
				.jsonPath("$.updates").isEqualTo(count);
		}

		var events = parcels.published(parcel);
		assertThat(events).map(Parcels::type).containsExactly(ShipmentRegistered.TYPE, ShipmentStatusChanged.TYPE,
				DeliveryEstimateRevised.TYPE, ShipmentStatusChanged.TYPE, ShipmentStatusChanged.TYPE,
				ShipmentStatusChanged.TYPE, ShipmentDelivered.TYPE);
		assertThat(statusChanges(events)).containsExactlyElementsOf(CLEAN_STATUS_CHANGES);
		// each change happened at its checkpoint's local time, read in the zone of its country
		assertThat(changes(events)).map(change -> change.checkpoint().occurredAt()).containsExactly(
				CHECKPOINT_INSTANTS.get(0), CHECKPOINT_INSTANTS.get(1), CHECKPOINT_INSTANTS.get(3),
				CHECKPOINT_INSTANTS.get(4));
		var estimate = EventJson.mapper().readValue(events.get(2).value(), DeliveryEstimateRevised.class);
		assertThat(estimate.estimatedDelivery()).isEqualTo(ESTIMATE);
		var arrived = EventJson.mapper().readValue(events.get(6).value(), ShipmentDelivered.class);
		assertThat(arrived.deliveredAt()).isEqualTo(CHECKPOINT_INSTANTS.get(4));
		assertThat(arrived.promiseState()).isEqualTo(PromiseState.DELIVERED_EARLY);
		assertThat(delivered.counters().stream().mapToDouble(Counter::count).sum() - deliveredBefore).isEqualTo(1);
		assertDeliveredAsInTheFixture(parcel);
		// AfterShip's payload names the customer, and her contacts and address: none of it is kept
		assertThat(parcels.stored(parcel).toJson()).doesNotContain("Anna", "anna@example.com", "+31612345678",
				"Keizersgracht", "1015 CJ");

		// AfterShip's retries of the same events: recognized, nothing handled again
		webhooks.forEach(webhook -> aftership.send(webhook)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.outcome").isEqualTo("duplicate")
			.jsonPath("$.updates").isEqualTo(0));
		assertThat(parcels.published(parcel)).map(record -> record.headers().lastHeader("ce_id").value())
			.containsExactlyElementsOf(events.stream().map(record -> record.headers().lastHeader("ce_id").value())
				.toList());
	}

	@Test
	void theSequenceShuffledAndRepeatedUnderNewEventIdsEndsTheSameWithOneDelivery() {
		var parcel = parcels.register("PostNL", "3SPPOD");
		// AfterShip sends every checkpoint so far with each event: a late event repeats known ones
		var order = List.of(3, 1, 5, 2, 4, 5, 1);
		var outcomes = new ArrayList<String>();

		for (var count : order) {
			aftership.send(aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), count)))
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.outcome").value(outcome -> outcomes.add((String) outcome));
		}

		assertThat(outcomes).containsExactly("applied", "unchanged", "applied", "unchanged", "unchanged",
				"unchanged", "unchanged");
		var events = parcels.published(parcel);
		assertThat(events).filteredOn(record -> ShipmentDelivered.TYPE.equals(type(record))).hasSize(1);
		assertThat(statusChanges(events)).containsExactlyElementsOf(CLEAN_STATUS_CHANGES);
		assertThat(events).map(Parcels::type).containsExactlyInAnyOrder(ShipmentRegistered.TYPE,
				ShipmentStatusChanged.TYPE, DeliveryEstimateRevised.TYPE, ShipmentStatusChanged.TYPE,
				ShipmentStatusChanged.TYPE, ShipmentStatusChanged.TYPE, ShipmentDelivered.TYPE);
		assertDeliveredAsInTheFixture(parcel);
	}

	@Test
	void anExceptionWithACustomsSubtagCarriesTheReasonCustoms() {
		var parcel = parcels.register("DHL", "JD0146");

		aftership.send(aftership.now(AfterShipPayloads.webhook(AfterShipPayloads.CUSTOMS_EXCEPTION,
				parcel.trackingNumber())))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.outcome").isEqualTo("applied")
			.jsonPath("$.updates").isEqualTo(3);

		parcels.shipment(parcel)
			.jsonPath("$.length()").isEqualTo(1)
			.jsonPath("$[0].carrier").isEqualTo("dhl")
			.jsonPath("$[0].status").isEqualTo("Exception")
			.jsonPath("$[0].subStatus").isEqualTo("Exception_004")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(3)
			.jsonPath("$[0].checkpoints[2].reason").isEqualTo("CUSTOMS")
			.jsonPath("$[0].checkpoints[2].message").isEqualTo("Clearance delay - Import")
			.jsonPath("$[0].checkpoints[2].location.country").isEqualTo("NLD")
			.jsonPath("$[0].checkpoints[2].location.timeZone").isEqualTo("Europe/Amsterdam")
			// 10:15 at Schiphol is CEST; 18:40 at Heathrow is BST, an hour behind
			.jsonPath("$[0].checkpoints[2].occurredAt").isEqualTo("2026-09-16T08:15:00Z")
			.jsonPath("$[0].checkpoints[0].occurredAt").isEqualTo("2026-09-14T17:40:00Z")
			.jsonPath("$[0].checkpoints[0].location.timeZone").isEqualTo("Europe/London")
			.jsonPath("$[0].checkpoints[0].reason").doesNotExist();
		var change = changes(parcels.awaitPublished(parcel, ShipmentStatusChanged.TYPE, 2)).get(1);
		assertThat(change.status()).isEqualTo(TrackingStatus.EXCEPTION);
		assertThat(change.checkpoint().reason()).isEqualTo(ExceptionReason.CUSTOMS);
		assertThat(change.checkpoint().subStatus()).isEqualTo("Exception_004");
	}

	@Test
	void aWebhookForAParcelNotRegisteredYetIsParkedAndAppliedWhenItRegisters() {
		var parcel = Parcels.newParcel("PostNL", "3SPPOD");

		aftership.send(aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 2)))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.outcome").isEqualTo("parked")
			.jsonPath("$.updates").isEqualTo(2);
		parcels.register(parcel);

		parcels.shipment(parcel)
			.jsonPath("$[0].status").isEqualTo("InTransit")
			.jsonPath("$[0].subStatus").isEqualTo("InTransit_002")
			.jsonPath("$[0].estimatedDelivery").isEqualTo(ESTIMATE.toString())
			.jsonPath("$[0].checkpoints.length()").isEqualTo(2);
		assertThat(statusChanges(parcels.published(parcel))).containsExactly("Pending>InfoReceived",
				"InfoReceived>InTransit");
	}

	private void assertDeliveredAsInTheFixture(Parcel parcel) {
		var shipment = parcels.shipment(parcel)
			.jsonPath("$.length()").isEqualTo(1)
			.jsonPath("$[0].carrier").isEqualTo("postnl")
			.jsonPath("$[0].status").isEqualTo("Delivered")
			.jsonPath("$[0].subStatus").isEqualTo("Delivered_001")
			.jsonPath("$[0].promiseState").isEqualTo("DELIVERED_EARLY")
			.jsonPath("$[0].deliveredAt").isEqualTo(CHECKPOINT_INSTANTS.get(4).toString())
			.jsonPath("$[0].estimatedDelivery").isEqualTo(ESTIMATE.toString())
			.jsonPath("$[0].checkpoints.length()").isEqualTo(5)
			// no country on the first scan: the parcel stays in the Netherlands, so it is Amsterdam's time
			.jsonPath("$[0].checkpoints[0].location.country").doesNotExist()
			.jsonPath("$[0].checkpoints[0].location.timeZone").isEqualTo("Europe/Amsterdam")
			.jsonPath("$[0].checkpoints[2].subStatus").isEqualTo("InTransit_003")
			.jsonPath("$[0].checkpoints[2].location.city").isEqualTo("Nieuwegein")
			.jsonPath("$[0].checkpoints[2].location.postalCode").isEqualTo("3439")
			.jsonPath("$[0].checkpoints[2].location.country").isEqualTo("NLD")
			.jsonPath("$[0].checkpoints[2].location.timeZone").isEqualTo("Europe/Amsterdam");
		for (var i = 0; i < CHECKPOINT_INSTANTS.size(); i++) {
			shipment.jsonPath("$[0].checkpoints[" + i + "].occurredAt").isEqualTo(CHECKPOINT_INSTANTS.get(i).toString());
		}
	}

	private static List<ShipmentStatusChanged> changes(List<ConsumerRecord<String, String>> events) {
		return events.stream()
			.filter(record -> ShipmentStatusChanged.TYPE.equals(type(record)))
			.map(record -> EventJson.mapper().readValue(record.value(), ShipmentStatusChanged.class))
			.toList();
	}

	/** "Previous>New" per status change, in AfterShip's (the taxonomy's) names. */
	private static List<String> statusChanges(List<ConsumerRecord<String, String>> events) {
		return events.stream()
			.filter(record -> ShipmentStatusChanged.TYPE.equals(type(record)))
			.map(record -> EventJson.mapper().readTree(record.value()))
			.map(change -> change.get("previousStatus").asString() + ">" + change.get("status").asString())
			.toList();
	}

}
