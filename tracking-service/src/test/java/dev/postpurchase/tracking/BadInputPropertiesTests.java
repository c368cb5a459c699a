package dev.postpurchase.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadJsonClient;
import dev.postpurchase.testkit.BadJsonClient.Answer;
import dev.postpurchase.testkit.BadJsonClient.Request;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of tracking-service that takes a body, fed mutated and random JSON with the right
 * credentials (the AfterShip webhook validly signed): the answer is a 2xx or a 4xx problem, never a
 * 5xx; a rejected registration stores no parcel, and every parcel reads back whole.
 */
@TrackingServiceIntegrationTest
class BadInputPropertiesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@Test
	void registeringAParcel() {
		var registration = BadJson.of("""
				{"orderId": "ord_BADREGISTRATION", "carrier": "PostNL", "trackingNumber": "3SBADREG0001",
				 "direction": "OUTBOUND", "promise": {"from": "2026-05-13T06:00:00Z", "by": "2026-05-13T16:00:00Z",
				 "timeZone": "Europe/Amsterdam"}, "salesChannel": "WEB"}""").withFresh("trackingNumber");
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/shipments", 100, Request.of(registration),
				attempt -> {
					var answer = client.send(HttpMethod.POST, "/api/v1/shipments", attempt,
							BadJsonClient.as(caller, "tracking:write"));
					var sent = trackingNumber(attempt.variant());
					if (answer.ok()) {
						assertReadable(answer.json().get("orderId").asString(), answer.json().get("shipmentId").asString());
					}
					else if (sent != null) {
						assertThat(get("/api/v1/shipments/{trackingNumber}", sent).status())
							.as("a rejected registration stores no parcel").isEqualTo(404);
					}
				});
		client.assertBodiesWereJudged();
	}

	@Test
	void carrierUpdates() {
		var parcel = register("3SBADUPDATES" + System.nanoTime());
		var sample = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(InboundTrackingUpdate.class));
		sample.put("trackingNumber", parcel.get("trackingNumber").asString());
		var updates = BadJson.of(sample.toString());
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/tracking-events", 150,
				Request.of(updates),
				attempt -> client.send(HttpMethod.POST, "/api/v1/tracking-events", attempt,
						BadJsonClient.as(caller, "tracking:write")));
		client.assertBodiesWereJudged();
		assertReadable(parcel.get("orderId").asString(), parcel.get("shipmentId").asString());
	}

	@Test
	void resolvingAnException() {
		var parcel = register("3SBADRESOLVE" + System.nanoTime());
		var delayed = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(InboundTrackingUpdate.class));
		delayed.put("trackingNumber", parcel.get("trackingNumber").asString());
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(delayed).exchange().expectStatus().isAccepted();
		var exceptionId = await().atMost(Duration.ofSeconds(30)).until(() -> openException(parcel), id -> id != null);
		var resolutions = BadJson.of("""
				{"resolution": "RESOLVED_BY_AGENT", "note": "Called the carrier"}""");
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/exceptions/{id}/resolve", 100,
				Request.of(resolutions),
				attempt -> client.send(HttpMethod.POST, "/api/v1/exceptions/{id}/resolve", attempt,
						BadJsonClient.as(caller, "support"), exceptionId));
		client.assertBodiesWereJudged();
		assertReadable(parcel.get("orderId").asString(), parcel.get("shipmentId").asString());
	}

	@Test
	void resolvingAnExceptionOfAnyId() {
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/exceptions/{any id}/resolve", 40, BadJson::hostileString,
				exceptionId -> client.sendToHostileUri(HttpMethod.POST, "/api/v1/exceptions/{id}/resolve",
						"{\"resolution\": \"RESOLVED_BY_AGENT\"}".getBytes(), BadJsonClient.as(caller, "support"),
						exceptionId));
	}

	@Test
	void afterShipWebhooks() {
		var fixtures = List.of("tracking-update-delivered.json", "tracking-update-exception-customs.json").stream()
			.map(name -> {
				var webhook = fixture(name);
				webhook.put("ts", clock.instant().getEpochSecond());
				return BadJson.of(webhook.toString()).withFresh("event_id");
			})
			.toList();
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /webhooks/aftership", 150,
				random -> Request.of(fixtures.get(random.nextInt(fixtures.size()))).apply(random),
				attempt -> client.send(HttpMethod.POST, "/webhooks/aftership", attempt, headers -> {
							headers.set("X-Forwarded-For", caller);
							headers.set("aftership-hmac-sha256",
									HmacSignatures.signBase64("test-secret", attempt.variant().body()));
						}));
		client.assertBodiesWereJudged();
	}

	@Test
	void aTimeBeyondWhatCanBeStoredIsRejected() {
		// regression: ISO-8601 reaches a billion years, MongoDB's dates do not: the parcel failed when stored, a 500
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		var registration = client.send(HttpMethod.POST, "/api/v1/shipments", """
				{"orderId": "ord_FARFUTURE", "carrier": "postnl", "trackingNumber": "3SFARFUTURE01",
				 "promise": {"by": "+999999999-12-31T23:59:59Z", "timeZone": "Europe/Amsterdam"}}""".getBytes(),
				"application/json", BadJsonClient.as(caller, "tracking:write"));
		assertThat(registration.status()).isEqualTo(400);
		assertThat(registration.json().get("detail").asString()).contains("promise.by: must be between 1970 and 9999");
		var parcel = register("3SFARFUTURE" + System.nanoTime());
		var update = client.send(HttpMethod.POST, "/api/v1/tracking-events", """
				{"carrier": "postnl", "trackingNumber": "%s", "status": "InTransit",
				 "checkpointTime": "2026-05-13T07:40:00Z", "estimatedDelivery": "-999999999-01-01T00:00:00Z"}"""
			.formatted(parcel.get("trackingNumber").asString()).getBytes(), "application/json",
				BadJsonClient.as(caller, "tracking:write"));
		assertThat(update.status()).isEqualTo(400);
		assertThat(update.json().get("detail").asString()).contains("estimatedDelivery: must be between 1970 and 9999");
	}

	@Test
	void aNullUpdateIsRejected() {
		// regression: a JSON null, as the body or in a batch, read as no update and failed with a 500
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		for (var body : List.of("null", "[null]", "[{\"carrier\": \"postnl\"}, 42]")) {
			var answer = client.send(HttpMethod.POST, "/api/v1/tracking-events", body.getBytes(), "application/json",
					BadJsonClient.as(caller, "tracking:write"));
			assertThat(answer.status()).as(body).isEqualTo(400);
			assertThat(answer.json().get("detail").asString()).as(body).contains("must be a tracking update");
		}
	}

	/** The parcel reads back through the API, by its order, with what every parcel has. */
	private void assertReadable(String orderId, String shipmentId) {
		var answer = get("/api/v1/shipments?orderId={orderId}", orderId);
		assertThat(answer.status()).as("parcels of %s read back", orderId).isEqualTo(200);
		var parcel = java.util.stream.StreamSupport.stream(answer.json().spliterator(), false)
			.filter(shipment -> shipmentId.equals(shipment.get("shipmentId").asString()))
			.findFirst();
		assertThat(parcel).as("parcel %s of %s", shipmentId, orderId).hasValueSatisfying(shipment -> {
			assertThat(shipment.get("trackingNumber").asString()).isNotBlank();
			assertThat(shipment.get("status").asString()).isNotBlank();
		});
	}

	private ObjectNode register(String trackingNumber) {
		return web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(java.util.Map.of("orderId", "ord_" + UUID.randomUUID(), "carrier", "postnl", "trackingNumber",
					trackingNumber, "direction", "OUTBOUND"))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(ObjectNode.class).returnResult().getResponseBody();
	}

	private String openException(ObjectNode parcel) {
		var page = get("/api/v1/exceptions?state=open&carrier=postnl&limit=100").json();
		return java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false)
			.filter(item -> parcel.get("shipmentId").asString().equals(item.get("shipmentId").asString()))
			.map(item -> item.get("exceptionId").asString())
			.findFirst()
			.orElse(null);
	}

	private Answer get(String uri, Object... variables) {
		var result = web.get().uri(uri, variables)
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		return new Answer(result.getStatus().value(), String.valueOf(result.getResponseHeaders().getContentType()),
				result.getResponseBody());
	}

	/** The tracking number a variant asks to register, when it still reads as one. */
	private static String trackingNumber(BadJson.Variant variant) {
		try {
			var number = EventJson.mapper().readTree(variant.body()).get("trackingNumber");
			return number != null && number.isString() && number.asString().matches("[A-Za-z0-9-]{1,100}") ? number.asString()
					: null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ObjectNode fixture(String name) {
		try (var in = new ClassPathResource("aftership/" + name).getInputStream()) {
			return (ObjectNode) EventJson.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
