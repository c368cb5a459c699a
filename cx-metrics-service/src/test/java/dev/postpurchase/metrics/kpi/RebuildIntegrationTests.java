package dev.postpurchase.metrics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.KpiRebuild.RebuildStatus;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/admin/kpis/rebuild}: the facts are replayed from the topics' beginning into a
 * fresh generation, which then serves the same KPIs, while the old one is dropped; live events keep
 * counting afterwards.
 */
@CxMetricsServiceIntegrationTest
class RebuildIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String REBUILD = "/api/v1/admin/kpis/rebuild";

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	FactStore facts;

	private final ScriptedHistory history = new ScriptedHistory();

	private final String carrier = "rebuild-" + history.unique();

	@Test
	void aRebuildFromTheTopicsServesTheSameKpisFromFreshFactsAndDropsTheOldOnes() {
		// on time, published twice; late, delivered before it was registered; on its way
		registered("s1", "04-02T12:00:00Z", "04-05T16:00:00Z");
		var s1 = delivered("s1", "04-05T16:00:00Z", "04-05T14:00:00Z");
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, s1);
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, s1);
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE,
				delivered("s2", "04-05T16:00:00Z", "04-06T10:00:00Z"));
		registered("s2", "04-02T13:00:00Z", "04-05T16:00:00Z");
		registered("s3", "04-03T12:00:00Z", "04-07T16:00:00Z");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> report().jsonPath("$.total.onTimeDeliveryRate.numerator")
				.isEqualTo(1)
				.jsonPath("$.total.onTimeDeliveryRate.denominator")
				.isEqualTo(2)
				.jsonPath("$.total.exceptionsPer100Shipments.denominator")
				.isEqualTo(3));
		var before = body(report());
		var previous = status().active();

		var started = web.post()
			.uri(REBUILD)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(RebuildStatus.class)
			.returnResult()
			.getResponseBody();
		assertThat(started.running()).isTrue();
		assertThat(started.active()).isEqualTo(previous);
		var target = started.building();
		assertThat(target).isGreaterThan(previous);
		// one at a time
		web.post()
			.uri(REBUILD)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);

		await().atMost(TIMEOUT).until(() -> !status().running());
		var done = status();
		assertThat(done.failure()).isNull();
		assertThat(done.active()).isEqualTo(target);
		assertThat(done.records()).isGreaterThanOrEqualTo(6);
		assertThat(body(report())).isEqualTo(before);
		// the facts were written anew, in the generation's own collections; the old ones are gone
		assertThat(mongo.collectionExists(FactStore.name("shipments", target)).block()).isTrue();
		assertThat(facts.findById("shipments", history.id("s2"), org.bson.Document.class).block())
			.containsEntry("carrier", carrier);
		assertThat(mongo.collectionExists(FactStore.name("shipments", previous)).block()).isFalse();

		// live events count in the new facts
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE,
				delivered("s3", "04-07T16:00:00Z", "04-07T12:00:00Z"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> report().jsonPath("$.total.onTimeDeliveryRate.numerator")
				.isEqualTo(2)
				.jsonPath("$.total.onTimeDeliveryRate.denominator")
				.isEqualTo(3));
	}

	@Test
	void onlyAdminsRebuild() {
		web.post()
			.uri(REBUILD)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isForbidden();
		web.get()
			.uri(REBUILD)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isForbidden();
		web.post().uri(REBUILD).exchange().expectStatus().isUnauthorized();
	}

	private RebuildStatus status() {
		return web.get()
			.uri(REBUILD)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(RebuildStatus.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.BodyContentSpec report() {
		return web.get()
			.uri("/api/v1/kpis?from={from}&to={to}&groupBy=carrier", history.year() + "-04-01",
					history.year() + "-04-30")
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private static String body(WebTestClient.BodyContentSpec report) {
		return new String(report.returnResult().getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private void registered(String shipment, String at, String promisedBy) {
		var event = history.sample(ShipmentRegistered.class);
		event.put("orderId", "ord_" + history.id(shipment));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("occurredAt", history.instant(at));
		((ObjectNode) event.get("promise")).put("from", history.instant(at));
		((ObjectNode) event.get("promise")).put("by", history.instant(promisedBy));
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentRegistered.TYPE, event);
	}

	private ObjectNode delivered(String shipment, String promisedBy, String at) {
		var event = history.sample(ShipmentDelivered.class);
		event.put("orderId", "ord_" + history.id(shipment));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("occurredAt", history.instant(at));
		event.put("deliveredAt", history.instant(at));
		((ObjectNode) event.get("promise")).put("from", history.instant(promisedBy));
		((ObjectNode) event.get("promise")).put("by", history.instant(promisedBy));
		return event;
	}

}
