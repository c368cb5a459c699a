package dev.postpurchase.tracking.aftership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.kit.webhook.SeenDeliveries;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.aftership.Parcels.Parcel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /webhooks/aftership}: signatures (and a secret rotation), the signed {@code ts}
 * against replays, and payloads that are not AfterShip's documented shape.
 */
@TrackingServiceIntegrationTest
class AfterShipWebhookIntegrationTests {

	@Autowired
	MeterRegistry meters;

	@Autowired
	AfterShipSettings settings;

	@Autowired
	ReactiveMongoTemplate mongo;

	AfterShipDeliveries aftership;

	Parcels parcels;

	@Autowired
	void setUp(WebTestClient web, Clock clock) {
		this.aftership = new AfterShipDeliveries(web, clock);
		this.parcels = new Parcels(web, mongo);
	}

	@Test
	void badMissingOrMismatchedSignaturesAreRefusedWith401CountedAndNothingIsStored() {
		var parcel = Parcels.newParcel("PostNL", "3SPPOD");
		var webhook = aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 2));
		var body = AfterShipPayloads.bytes(webhook);
		var otherBody = AfterShipPayloads.bytes(aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 3)));
		var failures = failures();
		var before = failures.count();

		unauthorized(aftership.send(body, HmacSignatures.signBase64("not-the-secret", body)));
		unauthorized(aftership.send(body, null));
		unauthorized(aftership.send(body, HmacSignatures.signBase64(AfterShipDeliveries.SECRET, otherBody)));
		unauthorized(aftership.send(body, "definitely not base64!"));
		// the right signature, hex-encoded: AfterShip sends base64
		unauthorized(aftership.send(body, HmacSignatures.signHex(AfterShipDeliveries.SECRET, body)));

		assertThat(failures.count() - before).isEqualTo(5);
		assertNothingStoredFor(parcel, webhook);
		// a refused delivery is not remembered: AfterShip's correctly signed retry still goes through
		aftership.send(body, HmacSignatures.signBase64(AfterShipDeliveries.SECRET, body))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("parked");
	}

	@Test
	void duringARotationAWebhookSignedWithThePreviousSecretIsAccepted() {
		assertThat(settings.previousWebhookSecret())
			.as("TrackingServiceIntegrationTest must set tracking.aftership.previous-webhook-secret=%s",
					AfterShipDeliveries.PREVIOUS_SECRET)
			.isEqualTo(AfterShipDeliveries.PREVIOUS_SECRET);
		var parcel = parcels.register("PostNL", "3SPPOD");
		var failures = failures();
		var before = failures.count();

		aftership.sendSignedWith(AfterShipDeliveries.PREVIOUS_SECRET,
				aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 1)))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
		// a secret rotated out before (no longer configured) is refused
		unauthorized(aftership.sendSignedWith("test-retired-secret",
				aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 2))));

		assertThat(failures.count() - before).isEqualTo(1);
		parcels.shipment(parcel).jsonPath("$[0].status").isEqualTo("InfoReceived");
	}

	@Test
	void aRetryWithinAfterShipsRetryWindowIsAcceptedAnOlderBodyIsARefusedReplay() {
		var parcel = parcels.register("PostNL", "3SPPOD");
		var failures = failures();
		var before = failures.count();

		// AfterShip retries with the original payload for about 5.7 days
		aftership.send(aftership.occurred(Duration.ofDays(6), AfterShipPayloads.asOf(parcel.trackingNumber(), 1)))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
		var replay = aftership.occurred(Duration.ofDays(8), AfterShipPayloads.asOf(parcel.trackingNumber(), 2));
		unauthorized(aftership.send(replay));
		unauthorized(aftership.send(aftership.occurred(Duration.ofMinutes(-10), replay)));

		assertThat(failures.count() - before).isEqualTo(2);
		parcels.shipment(parcel).jsonPath("$[0].status").isEqualTo("InfoReceived");
		assertThat(seen(replay)).isZero();
	}

	@Test
	void malformedJsonIsABadRequestAndNoServerError() {
		var body = "{\"event\": \"tracking_update\", \"msg\": {".getBytes(StandardCharsets.UTF_8);

		aftership.send(body, HmacSignatures.signBase64(AfterShipDeliveries.SECRET, body))
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Malformed JSON"));
	}

	@Test
	void aPayloadWithoutTrackingNumberOrSlugIsABadRequestNamingTheFields() {
		var webhook = aftership.now(AfterShipPayloads.asOf("3SPPOD0000000001", 2));
		var msg = (ObjectNode) webhook.get("msg");
		msg.remove("tracking_number");
		msg.putNull("slug");

		aftership.send(webhook)
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("msg.slug", "msg.tracking_number"))
			.jsonPath("$.errors[0]").isEqualTo("msg.slug: required")
			.jsonPath("$.errors[1]").isEqualTo("msg.tracking_number: required");
		var withoutMsg = aftership.now(AfterShipPayloads.asOf("3SPPOD0000000001", 2));
		withoutMsg.remove("msg");
		aftership.send(withoutMsg)
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0]").isEqualTo("msg: required");
		assertThat(seen(webhook)).isZero();
	}

	@Test
	void aBadCheckpointRefusesTheWholeWebhookAndAppliesNothing() {
		var parcel = parcels.register("PostNL", "3SPPOD");
		var webhook = aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 4));
		var checkpoints = (ArrayNode) webhook.get("msg").get("checkpoints");
		((ObjectNode) checkpoints.get(1)).put("checkpoint_time", "Friday evening");
		((ObjectNode) checkpoints.get(3)).put("tag", "Teleported");

		aftership.send(webhook)
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0]").value(error -> assertThat((String) error)
				.startsWith("msg.checkpoints[1].checkpoint_time: not an ISO-8601 date-time"))
			.jsonPath("$.errors[1]").value(error -> assertThat((String) error)
				.startsWith("msg.checkpoints[3].tag: unknown tag; accepted values: [Pending, InfoReceived"));

		parcels.shipment(parcel)
			.jsonPath("$[0].status").isEqualTo("Pending")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(0);
		assertThat(seen(webhook)).isZero();
	}

	@Test
	void aTrackingStillPendingWithoutCheckpointsChangesNothing() {
		var parcel = parcels.register("PostNL", "3SPPOD");
		var webhook = aftership.now(AfterShipPayloads.asOf(parcel.trackingNumber(), 1));
		webhook.put("event", "tracking_pending_time");
		var msg = (ObjectNode) webhook.get("msg");
		msg.put("tag", "Pending").put("subtag", "Pending_001").put("subtag_message", "Pending");
		msg.putArray("checkpoints");

		aftership.send(webhook)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.outcome").isEqualTo("unchanged")
			.jsonPath("$.updates").isEqualTo(0);

		parcels.shipment(parcel)
			.jsonPath("$[0].status").isEqualTo("Pending")
			.jsonPath("$[0].checkpoints.length()").isEqualTo(0);
		assertThat(seen(webhook)).isEqualTo(1);
	}

	private void assertNothingStoredFor(Parcel parcel, ObjectNode webhook) {
		var parked = Query.query(Criteria.where("shipmentKey").is(parcel.shipmentKey()));
		assertThat(mongo.count(parked, "parked_updates").block(Parcels.TIMEOUT)).isZero();
		assertThat(parcels.stored(parcel)).isNull();
		assertThat(seen(webhook)).isZero();
	}

	/** Whether the webhook's event id is in the store of handled deliveries (1) or not (0). */
	private long seen(ObjectNode webhook) {
		var id = "aftership:" + webhook.get("event_id").asString();
		return mongo.count(Query.query(Criteria.where("_id").is(id)), Document.class, SeenDeliveries.COLLECTION)
			.block(Parcels.TIMEOUT);
	}

	private Counter failures() {
		return meters.counter("webhook.signature.failures", "source", "aftership");
	}

	private static void unauthorized(WebTestClient.ResponseSpec response) {
		response.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(401);
	}

}
