package dev.postpurchase.metrics.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * The delivery KPIs of {@code GET /api/v1/kpis} from a scripted history published on
 * {@code shipment.events} and {@code delivery-exception.events}, with a duplicate and events out of
 * order. The history lies in March of a random far-future year with carriers of its own, so other
 * tests' facts do not mix in.
 */
@CxMetricsServiceIntegrationTest
class DeliveryKpisIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	@Autowired
	FactStore facts;

	private final ScriptedHistory history = new ScriptedHistory();

	private final String unique = history.unique();

	private final int year = history.year();

	private final String carrierA = "dlv-a-" + unique;

	private final String carrierB = "dlv-b-" + unique;

	@Test
	void deliveriesAndExceptionsMakeTheKpisWhateverOrderAndHowOftenTheirEventsCome() {
		// S1: on time by 2h, its delivery published twice
		registered("s1", carrierA, "WEB", "03-02T12:00:00Z", "03-05T16:00:00Z");
		var s1Delivered = delivered("s1", carrierA, "WEB", "03-05T16:00:00Z", "03-05T14:00:00Z");
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, s1Delivered);
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, s1Delivered);
		// S2: 20h late, delivered before it was registered
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE,
				delivered("s2", carrierA, "WEB", "03-05T16:00:00Z", "03-06T12:00:00Z"));
		registered("s2", carrierA, "WEB", "03-02T13:00:00Z", "03-05T16:00:00Z");
		// S3: on its way
		registered("s3", carrierA, "MARKETPLACE", "03-03T12:00:00Z", "03-06T16:00:00Z");
		// S4: on time by 4h
		registered("s4", carrierB, "MARKETPLACE", "03-03T12:00:00Z", "03-05T16:00:00Z");
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE,
				delivered("s4", carrierB, "MARKETPLACE", "03-05T16:00:00Z", "03-05T12:00:00Z"));
		// a return parcel is no delivery to a customer
		var returnParcel = delivered("r1", carrierB, "WEB", "03-04T16:00:00Z", "03-05T18:00:00Z");
		returnParcel.put("direction", "RETURN");
		returnParcel.put("returnId", "ret_" + unique);
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, returnParcel);

		// E1 on S2, late: resolved (after 48h) before it was raised
		resolved("e1", "s2", carrierA, "LATE", "03-04T12:00:00Z", "03-06T12:00:00Z", 172800);
		raised("e1", "s2", carrierA, "LATE", "03-04T12:00:00Z");
		// E2 on S3, stalled: open
		raised("e2", "s3", carrierA, "STALLED", "03-05T12:00:00Z");
		// E3 on S4, late: resolved after an hour
		raised("e3", "s4", carrierB, "LATE", "03-04T12:00:00Z");
		resolved("e3", "s4", carrierB, "LATE", "03-04T12:00:00Z", "03-04T13:00:00Z", 3600);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = web.get()
				.uri("/api/v1/kpis?from={from}&to={to}&groupBy=carrier", year + "-03-01", year + "-03-31")
				.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody();
			// S1, S4 on time of S1, S2, S4; hours -2, +20, -4
			report.jsonPath("$.total.onTimeDeliveryRate.numerator").isEqualTo(2)
				.jsonPath("$.total.onTimeDeliveryRate.denominator").isEqualTo(3)
				.jsonPath("$.total.deliveredMinusPromisedHoursMean.value").isEqualTo(14.0 / 3)
				.jsonPath("$.total.deliveredMinusPromisedHoursMean.count").isEqualTo(3)
				.jsonPath("$.total.deliveredMinusPromisedHoursP50.value").isEqualTo(-2.0)
				.jsonPath("$.total.deliveredMinusPromisedHoursP90.value").isEqualTo(20.0)
				// 3 exceptions raised, 4 shipments registered
				.jsonPath("$.total.exceptionsPer100Shipments.value").isEqualTo(75.0)
				.jsonPath("$.total.exceptionsPer100Shipments.numerator").isEqualTo(3)
				.jsonPath("$.total.exceptionsPer100Shipments.denominator").isEqualTo(4)
				.jsonPath("$.total.exceptionResolutionSecondsMean.value").isEqualTo(88200.0)
				.jsonPath("$.total.exceptionResolutionSecondsP50.value").isEqualTo(3600.0)
				.jsonPath("$.total.exceptionResolutionSecondsP90.value").isEqualTo(172800.0)
				// the 5th: S1 and S4 delivered, E2 raised
				.jsonPath("$.days['" + year + "-03-05'].onTimeDeliveryRate.value").isEqualTo(1.0)
				.jsonPath("$.days['" + year + "-03-05'].deliveredMinusPromisedHoursMean.value").isEqualTo(-3.0)
				.jsonPath("$.days['" + year + "-03-05'].deliveredMinusPromisedHoursP50.value").isEqualTo(-4.0)
				.jsonPath("$.days['" + year + "-03-05'].exceptionsPer100Shipments.numerator").isEqualTo(1)
				.jsonPath("$.days['" + year + "-03-05'].exceptionsPer100Shipments.denominator").isEqualTo(0)
				.jsonPath("$.days['" + year + "-03-05'].exceptionsPer100Shipments.value").doesNotExist()
				// per carrier
				.jsonPath("$.groups.length()").isEqualTo(2)
				.jsonPath("$.groups['" + carrierA + "'].onTimeDeliveryRate.value").isEqualTo(0.5)
				.jsonPath("$.groups['" + carrierA + "'].deliveredMinusPromisedHoursMean.value").isEqualTo(9.0)
				.jsonPath("$.groups['" + carrierA + "'].exceptionsPer100Shipments.value").isEqualTo(200.0 / 3)
				.jsonPath("$.groups['" + carrierA + "'].openExceptions.value").isEqualTo(1.0)
				.jsonPath("$.groups['" + carrierA + "'].exceptionResolutionSecondsP50.value").isEqualTo(172800.0)
				.jsonPath("$.groups['" + carrierB + "'].onTimeDeliveryRate.numerator").isEqualTo(1)
				.jsonPath("$.groups['" + carrierB + "'].onTimeDeliveryRate.denominator").isEqualTo(1)
				.jsonPath("$.groups['" + carrierB + "'].deliveredMinusPromisedHoursP90.value").isEqualTo(-4.0)
				.jsonPath("$.groups['" + carrierB + "'].exceptionsPer100Shipments.value").isEqualTo(100.0)
				.jsonPath("$.groups['" + carrierB + "'].openExceptions.value").isEqualTo(0.0)
				.jsonPath("$.groups['" + carrierB + "'].exceptionResolutionSecondsMean.value").isEqualTo(3600.0);
		});

		// per exception kind: the exception KPIs only, each kind's exceptions per 100 of all 4 shipments
		web.get()
			.uri("/api/v1/kpis?from={from}&to={to}&groupBy=kind", year + "-03-01", year + "-03-31")
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.groupBy").isEqualTo("kind")
			.jsonPath("$.total.openExceptions.value").isEqualTo(1.0)
			.jsonPath("$.groups.length()").isEqualTo(2)
			.jsonPath("$.groups.LATE.exceptionsPer100Shipments.numerator").isEqualTo(2)
			.jsonPath("$.groups.LATE.exceptionsPer100Shipments.denominator").isEqualTo(4)
			.jsonPath("$.groups.LATE.exceptionsPer100Shipments.value").isEqualTo(50.0)
			.jsonPath("$.groups.LATE.openExceptions.value").isEqualTo(0.0)
			.jsonPath("$.groups.LATE.exceptionResolutionSecondsMean.value").isEqualTo(88200.0)
			.jsonPath("$.groups.LATE.exceptionResolutionSecondsP90.value").isEqualTo(172800.0)
			.jsonPath("$.groups.LATE.onTimeDeliveryRate").doesNotExist()
			.jsonPath("$.groups.LATE.deliveredMinusPromisedHoursMean").doesNotExist()
			.jsonPath("$.groups.STALLED.exceptionsPer100Shipments.numerator").isEqualTo(1)
			.jsonPath("$.groups.STALLED.openExceptions.value").isEqualTo(1.0)
			.jsonPath("$.groups.STALLED.exceptionResolutionSecondsMean.count").isEqualTo(0)
			.jsonPath("$.groups.STALLED.exceptionResolutionSecondsMean.value").doesNotExist();

		// the facts the out-of-order pairs left are those of events in order
		assertThat(facts.findById(DeliveryFacts.SHIPMENTS, history.id("s2"), ShipmentFact.class).block(TIMEOUT))
			.isEqualTo(new ShipmentFact(history.id("s2"), "ord_s2_" + unique, carrierA, "WEB", history.at("03-02T13:00:00Z"),
					history.at("03-05T16:00:00Z"), history.at("03-06T12:00:00Z")));
		assertThat(facts.findById(DeliveryFacts.EXCEPTIONS, history.id("e1"), ExceptionFact.class).block(TIMEOUT))
			.isEqualTo(new ExceptionFact(history.id("e1"), history.id("s2"), carrierA, "LATE", history.at("03-04T12:00:00Z"),
					history.at("03-06T12:00:00Z"), 172800L));
		// a return parcel leaves no fact
		assertThat(facts.findById(DeliveryFacts.SHIPMENTS, history.id("r1"), ShipmentFact.class).block(TIMEOUT)).isNull();
	}

	private void registered(String shipment, String carrier, String channel, String at, String promisedBy) {
		var event = history.sample(ShipmentRegistered.class);
		event.put("orderId", "ord_" + shipment + "_" + unique);
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		((ObjectNode) event.get("promise")).put("from", history.instant(at));
		((ObjectNode) event.get("promise")).put("by", history.instant(promisedBy));
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentRegistered.TYPE, event);
	}

	private ObjectNode delivered(String shipment, String carrier, String channel, String promisedBy, String at) {
		var event = history.sample(ShipmentDelivered.class);
		event.put("orderId", "ord_" + shipment + "_" + unique);
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		event.put("deliveredAt", history.instant(at));
		((ObjectNode) event.get("promise")).put("from", history.instant(promisedBy));
		((ObjectNode) event.get("promise")).put("by", history.instant(promisedBy));
		return event;
	}

	private void raised(String exception, String shipment, String carrier, String kind, String at) {
		var event = history.sample(DeliveryExceptionRaised.class);
		event.put("orderId", "ord_" + shipment + "_" + unique);
		event.put("exceptionId", history.id(exception));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("kind", kind);
		event.put("occurredAt", history.instant(at));
		history.publish(Topics.DELIVERY_EXCEPTION_EVENTS, DeliveryExceptionRaised.TYPE, event);
	}

	private void resolved(String exception, String shipment, String carrier, String kind, String raisedAt, String at,
			long openSeconds) {
		var event = history.sample(DeliveryExceptionResolved.class);
		event.put("orderId", "ord_" + shipment + "_" + unique);
		event.put("exceptionId", history.id(exception));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("kind", kind);
		event.put("raisedAt", history.instant(raisedAt));
		event.put("occurredAt", history.instant(at));
		event.put("openSeconds", openSeconds);
		history.publish(Topics.DELIVERY_EXCEPTION_EVENTS, DeliveryExceptionResolved.TYPE, event);
	}

}
