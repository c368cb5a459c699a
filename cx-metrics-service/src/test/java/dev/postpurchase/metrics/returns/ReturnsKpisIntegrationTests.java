package dev.postpurchase.metrics.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The returns KPIs of {@code GET /api/v1/kpis} from a scripted history published on
 * {@code return.events}, {@code order.events} and {@code shipment.events}, with a duplicate and events
 * out of order. The history lies in June of a random far-future year with ids of its own, so other
 * tests' facts do not mix in.
 */
@CxMetricsServiceIntegrationTest
class ReturnsKpisIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	@Autowired
	FactStore facts;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ScriptedHistory history = new ScriptedHistory();

	private final String unique = history.unique();

	private final int year = history.year();

	@Test
	void returnsRefundsAndDeliveriesMakeTheKpisWhateverOrderAndHowOftenTheirEventsCome() {
		// order A, WEB, 4 units (1 + 1 + 2): delivered on the 4th and the 3rd (the earliest counts), before
		// it was placed
		delivered("a", "a1", "06-04T10:00:00Z", "OUTBOUND");
		delivered("a", "a2", "06-03T10:00:00Z", "OUTBOUND");
		placed("a", "WEB", null);
		// order B, MARKETPLACE, 6 units: delivered on the 5th
		placed("b", "MARKETPLACE", 6);
		delivered("b", "b1", "06-05T10:00:00Z", "OUTBOUND");
		// order C, 3 units: only a return parcel reached its address, which is no delivery
		placed("c", "WEB", 3);
		delivered("c", "c1", "06-05T10:00:00Z", "RETURN");

		// R1 on A: 2 units DAMAGED, its request published twice; refunded (12.50 EUR) 2h after its
		// receipt, the refund published before the receipt
		var r1 = requested("r1", "a", 2, "DAMAGED", "WEB", "06-06T10:00:00Z");
		history.publish(Topics.RETURN_EVENTS, ReturnRequested.TYPE, r1);
		history.publish(Topics.RETURN_EVENTS, ReturnRequested.TYPE, r1);
		refunded("r1", "a", "12.50", "REFUND", "06-10T12:00:00Z");
		received("r1", "a", "06-10T10:00:00Z");
		// R2 on B: 3 units DOES_NOT_FIT; refunded as store credit (7.25 EUR) a day after its receipt
		history.publish(Topics.RETURN_EVENTS, ReturnRequested.TYPE,
				requested("r2", "b", 3, "DOES_NOT_FIT", "MARKETPLACE", "06-07T10:00:00Z"));
		received("r2", "b", "06-11T10:00:00Z");
		refunded("r2", "b", "7.25", "STORE_CREDIT", "06-12T10:00:00Z");
		// R3 on B: 1 unit DAMAGED, rejected before its request came in
		rejected("r3", "b", "06-09T10:00:00Z");
		history.publish(Topics.RETURN_EVENTS, ReturnRequested.TYPE,
				requested("r3", "b", 1, "DAMAGED", "MARKETPLACE", "06-08T10:00:00Z"));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = report("channel");
			// 2 + 3 units returned (R3 rejected) of 4 + 6 delivered; cycles 7200 s and 86400 s
			assertThat(returnKpis(report.get("total"))).isEqualTo(Map.of(
					"returnRate", "{\"value\":0.5,\"numerator\":5,\"denominator\":10,\"unit\":\"ratio\"}",
					"returns.DAMAGED", "{\"value\":2.0,\"count\":2,\"unit\":\"count\"}",
					"returns.DOES_NOT_FIT", "{\"value\":1.0,\"count\":1,\"unit\":\"count\"}",
					"refundCycleSecondsMean", "{\"value\":46800.0,\"count\":2,\"unit\":\"seconds\"}",
					"refundCycleSecondsP90", "{\"value\":86400.0,\"count\":2,\"unit\":\"seconds\"}",
					"refundedAmount.EUR", "{\"value\":19.75,\"count\":2,\"unit\":\"EUR\"}"));
			var days = report.get("days");
			assertThat(returnKpis(days.get(year + "-06-03")))
				.containsEntry("returnRate", "{\"value\":0.0,\"numerator\":0,\"denominator\":4,\"unit\":\"ratio\"}");
			assertThat(returnKpis(days.get(year + "-06-06"))).isEqualTo(Map.of(
					"returnRate", "{\"numerator\":2,\"denominator\":0,\"unit\":\"ratio\"}",
					"returns.DAMAGED", "{\"value\":1.0,\"count\":1,\"unit\":\"count\"}",
					"refundCycleSecondsMean", "{\"count\":0,\"unit\":\"seconds\"}",
					"refundCycleSecondsP90", "{\"count\":0,\"unit\":\"seconds\"}"));
			assertThat(returnKpis(days.get(year + "-06-10"))).containsEntry("refundedAmount.EUR",
					"{\"value\":12.5,\"count\":1,\"unit\":\"EUR\"}");
			// the later delivery of order A counts for the delivery section only
			assertThat(returnKpis(days.get(year + "-06-04"))).isEmpty();
			var groups = report.get("groups");
			assertThat(returnKpis(groups.get("WEB"))).containsEntry("returnRate",
					"{\"value\":0.5,\"numerator\":2,\"denominator\":4,\"unit\":\"ratio\"}");
			assertThat(returnKpis(groups.get("MARKETPLACE"))).isEqualTo(Map.of(
					"returnRate", "{\"value\":0.5,\"numerator\":3,\"denominator\":6,\"unit\":\"ratio\"}",
					"returns.DAMAGED", "{\"value\":1.0,\"count\":1,\"unit\":\"count\"}",
					"returns.DOES_NOT_FIT", "{\"value\":1.0,\"count\":1,\"unit\":\"count\"}",
					"refundCycleSecondsMean", "{\"value\":86400.0,\"count\":1,\"unit\":\"seconds\"}",
					"refundCycleSecondsP90", "{\"value\":86400.0,\"count\":1,\"unit\":\"seconds\"}",
					"refundedAmount.EUR", "{\"value\":7.25,\"count\":1,\"unit\":\"EUR\"}"));
		});
		// returns have no carrier split
		var byCarrier = report("carrier");
		byCarrier.get("groups").properties().forEach(group -> assertThat(returnKpis(group.getValue())).isEmpty());

		// the facts the out-of-order pairs left are those of events in order
		assertThat(facts.findById(ReturnFacts.RETURNS, history.id("r1"), ReturnFact.class).block(TIMEOUT))
			.isEqualTo(new ReturnFact(history.id("r1"), history.id("a"), history.at("06-06T10:00:00Z"), "DAMAGED", 2, "WEB", null,
					history.at("06-10T10:00:00Z"), history.at("06-10T12:00:00Z"), 1250L, "EUR", "REFUND"));
		assertThat(facts.findById(ReturnFacts.RETURNS, history.id("r3"), ReturnFact.class).block(TIMEOUT))
			.isEqualTo(new ReturnFact(history.id("r3"), history.id("b"), history.at("06-08T10:00:00Z"), "DAMAGED", 1, "MARKETPLACE",
					history.at("06-09T10:00:00Z"), null, null, null, null, null));
		assertThat(facts.findById(ReturnFacts.DELIVERED_ORDERS, history.id("a"), DeliveredOrder.class).block(TIMEOUT))
			.isEqualTo(new DeliveredOrder(history.id("a"), 4, "WEB", history.at("06-03T10:00:00Z")));
		// a return parcel is no delivery
		assertThat(facts.findById(ReturnFacts.DELIVERED_ORDERS, history.id("c"), DeliveredOrder.class).block(TIMEOUT))
			.isEqualTo(new DeliveredOrder(history.id("c"), 3, "WEB", null));
		// nothing personal of OrderPlaced, ReturnRequested or ReturnRejected is kept (no customer, comment,
		// rejection text)
		assertThat(facts.findById(ReturnFacts.DELIVERED_ORDERS, history.id("a"), org.bson.Document.class).block(TIMEOUT))
			.containsOnlyKeys("_id", "units", "salesChannel", "deliveredAt");
		assertThat(facts.findById(ReturnFacts.RETURNS, history.id("r3"), org.bson.Document.class).block(TIMEOUT))
			.containsOnlyKeys("_id", "orderId", "requestedAt", "reason", "units", "salesChannel", "rejectedAt");
	}

	private JsonNode report(String groupBy) {
		var body = web.get()
			.uri("/api/v1/kpis?from={from}&to={to}&groupBy={groupBy}", year + "-06-01", year + "-06-30", groupBy)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	/** The returns section's KPIs of a group, as JSON text by name; other sections' are left out. */
	private static Map<String, String> returnKpis(JsonNode group) {
		var kpis = new TreeMap<String, String>();
		if (group != null) {
			group.properties().forEach(kpi -> {
				var name = kpi.getKey();
				if (name.equals("returnRate") || name.startsWith("returns.") || name.startsWith("refund")) {
					kpis.put(name, kpi.getValue().toString());
				}
			});
		}
		return kpis;
	}

	private void placed(String order, String channel, Integer units) {
		var event = history.sample(OrderPlaced.class);
		event.put("orderId", history.id(order));
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant("06-01T08:00:00Z"));
		event.put("placedAt", history.instant("06-01T08:00:00Z"));
		if (units != null) {
			var lines = (ArrayNode) event.get("lines");
			var line = (ObjectNode) lines.get(0);
			line.put("quantity", units);
			lines.removeAll();
			lines.add(line);
		}
		history.publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, event);
	}

	private void delivered(String order, String shipment, String at, String direction) {
		var event = history.sample(ShipmentDelivered.class);
		event.put("orderId", history.id(order));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", "ret-" + unique);
		event.put("direction", direction);
		if (direction.equals("RETURN")) {
			event.put("returnId", history.id("ret-" + shipment));
		}
		event.put("occurredAt", history.instant(at));
		event.put("deliveredAt", history.instant(at));
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, event);
	}

	private ObjectNode requested(String ret, String order, int units, String reason, String channel, String at) {
		var event = history.sample(ReturnRequested.class);
		event.put("orderId", history.id(order));
		event.put("returnId", history.id(ret));
		event.put("occurredAt", history.instant(at));
		event.put("reason", reason);
		event.put("salesChannel", channel);
		var line = (ObjectNode) event.get("lines").get(0);
		line.put("quantity", units);
		line.put("reason", reason);
		return event;
	}

	private void rejected(String ret, String order, String at) {
		var event = history.sample(ReturnRejected.class);
		event.put("orderId", history.id(order));
		event.put("returnId", history.id(ret));
		event.put("occurredAt", history.instant(at));
		history.publish(Topics.RETURN_EVENTS, ReturnRejected.TYPE, event);
	}

	private void received(String ret, String order, String at) {
		var event = history.sample(ReturnReceived.class);
		event.put("orderId", history.id(order));
		event.put("returnId", history.id(ret));
		event.put("occurredAt", history.instant(at));
		history.publish(Topics.RETURN_EVENTS, ReturnReceived.TYPE, event);
	}

	private void refunded(String ret, String order, String amount, String outcome, String at) {
		var event = history.sample(RefundIssued.class);
		event.put("orderId", history.id(order));
		event.put("returnId", history.id(ret));
		event.put("refundId", history.id("rfd-" + ret));
		event.put("occurredAt", history.instant(at));
		event.put("outcome", outcome);
		((ObjectNode) event.get("amount")).put("amount", new java.math.BigDecimal(amount));
		history.publish(Topics.RETURN_EVENTS, RefundIssued.TYPE, event);
	}

}
