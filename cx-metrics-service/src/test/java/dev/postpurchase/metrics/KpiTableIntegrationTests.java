package dev.postpurchase.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.KpiRebuild.RebuildStatus;
import dev.postpurchase.metrics.prometheus.KpiGauge;
import dev.postpurchase.metrics.prometheus.KpiGauges;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.ScrapedMetrics;
import dev.postpurchase.testkit.TestTokens;
import io.micrometer.core.instrument.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "done when": one scripted history touching every KPI (orders across two periods,
 * shipments on time and late, exceptions resolved at known durations, contacts, notifications with
 * opens and clicks, returns and refunds, survey answers, an erasure), with duplicates and events out of
 * order, checked against a table of values computed by hand below; a rebuild from the topics gives the
 * same table, and the Prometheus gauges carry the same values.
 *
 * <p>The period is June of the history's own year, with May as the period before it (for retention and
 * churn). Every expected value is worked out in the comment next to it.
 */
@CxMetricsServiceIntegrationTest
class KpiTableIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REBUILD = "/api/v1/admin/kpis/rebuild";

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@Autowired
	KpiGauges gauges;

	private final ScriptedHistory history = new ScriptedHistory();

	private final String carrierA = "tbl-a-" + history.unique();

	private final String carrierB = "tbl-b-" + history.unique();

	/** Every KPI of June, worked out by hand from the history in {@link #publishHistory()}. */
	private Map<String, Kpi> expectedJune() {
		var table = new TreeMap<String, Kpi>();
		// Delivery. Deliveries: s4 2 h early, s6 20 h late (of s4, s6, s7 registered in June)
		table.put("onTimeDeliveryRate", rate(0.5, 1, 2));
		table.put("deliveredMinusPromisedHoursMean", of(9.0, 2, "hours")); // (-2 + 20) / 2
		table.put("deliveredMinusPromisedHoursP50", of(-2.0, 2, "hours")); // rank ceil(1.0) = 1 of -2, 20
		table.put("deliveredMinusPromisedHoursP90", of(20.0, 2, "hours")); // rank ceil(1.8) = 2
		table.put("exceptionsPer100Shipments", new Kpi(200.0 / 3, 2L, 3L, null, "count")); // e1, e2 of 3 shipments
		// e1 resolved after 18 h; e2 still open (the total also counts other tests' open exceptions of
		// earlier years, so this one is checked in the carriers' split below)
		table.put("exceptionResolutionSecondsMean", of(64800.0, 1, "seconds"));
		table.put("exceptionResolutionSecondsP50", of(64800.0, 1, "seconds"));
		table.put("exceptionResolutionSecondsP90", of(64800.0, 1, "seconds"));
		// Support. Contacts k1 (WISMO, resolved at once), k2 (not), k3 (WISMO, resolved, logged twice);
		// orders placed in June: o4, o5, o6, o7 (o7 placed twice)
		table.put("firstContactResolutionRate", rate(2.0 / 3, 2, 3));
		table.put("contactsPerOrder", new Kpi(0.75, 3L, 4L, null, "count"));
		table.put("wismoRate", rate(0.5, 2, 4));
		// Notifications. Sent: n1, n2, n6 (emails, n6 twice), n3 (SMS, delivered); n4 suppressed; n5 failed
		table.put("notificationDeliveryRate", rate(1.0, 1, 1)); // n3 of the sends with receipts (SMS, WhatsApp)
		table.put("notificationSuppressionRate", rate(0.2, 1, 5)); // n4 of 4 sent + 1 suppressed
		table.put("notificationFailureRate", rate(0.2, 1, 5)); // n5 of 4 sent + 1 failed
		table.put("emailOpenRate", rate(2.0 / 3, 2, 3)); // n1, n2 of 3 emails
		table.put("emailClickThroughRate", rate(1.0 / 3, 1, 3)); // n1 (its click came before its send)
		// Returns. Delivered in June: o4 (2 units), o6 (3 units); r1: 1 unit of o4, DAMAGED, refunded
		// 60.00 EUR 2 h after its receipt; r2: 2 units of o6, DOES_NOT_FIT, rejected
		table.put("returnRate", rate(0.2, 1, 5));
		table.put("returns.DAMAGED", of(1.0, 1, "count"));
		table.put("returns.DOES_NOT_FIT", of(1.0, 1, "count"));
		table.put("refundCycleSecondsMean", of(7200.0, 1, "seconds"));
		table.put("refundCycleSecondsP90", of(7200.0, 1, "seconds"));
		table.put("refundedAmount.EUR", of(60.0, 1, "EUR"));
		// Customers. May (the period before): c1, c2, c3; June: c1 (o4, o5), c2 (o6), c4 (o7, placed twice).
		// c3's erasure changes nothing: its orders count under the erasure's alias
		table.put("retentionRate", rate(2.0 / 3, 2, 3)); // c1, c2 of c1, c2, c3
		table.put("churnRate", rate(1.0 / 3, 1, 3)); // c3
		table.put("repeatPurchaseRate", rate(1.0 / 3, 1, 3)); // c1 of c1, c2, c4
		table.put("averageOrderValue", of(77.5, 4, "EUR")); // (120 + 60 + 40 + 90) / 4
		table.put("purchaseFrequency", new Kpi(4.0 / 3, 4L, 3L, null, "count")); // 4 orders / 3 customers
		table.put("expectedLifespan", new Kpi(3.0, 3L, 1L, null, "periods")); // 1 / churn
		table.put("customerLifetimeValue", new Kpi(310.0, null, null, null, "EUR")); // 77.5 x 4/3 x 3
		// Voice of the customer. NPS 10, 5, 9 (o7's answer published twice); CSAT 5, 2; CES 2, 4
		table.put("nps", of(100.0 / 3, 3, "score")); // (2 promoters - 1 detractor) / 3 x 100
		table.put("csat", rate(0.5, 1, 2));
		table.put("ces", of(3.0, 2, "score"));
		return table;
	}

	@Test
	void everyKpiMatchesTheHandComputedTableLiveAfterARebuildAndInPrometheus() {
		publishHistory();
		var expected = expectedJune();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(june()).isEqualTo(expected));
		assertOpenExceptions();

		// a rebuild from the topics' beginning into fresh facts ends with the same table
		var before = rebuildStatus().active();
		web.post()
			.uri(REBUILD)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus()
			.isAccepted();
		await().atMost(TIMEOUT).until(() -> !rebuildStatus().running());
		assertThat(rebuildStatus().active()).isGreaterThan(before);
		assertThat(rebuildStatus().failure()).isNull();
		assertThat(june()).isEqualTo(expected);
		assertOpenExceptions();

		// the Prometheus gauges carry the same values: they show the last 30 days, which on 30 June is June
		var today = clock.instant();
		try {
			clock.set(history.at("06-30T12:00:00Z"));
			gauges.refresh().block(TIMEOUT);
			var scraped = ScrapedMetrics.parse(web.get()
				.uri("/actuator/prometheus")
				.accept(MediaType.TEXT_PLAIN)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
			expected.forEach((name, kpi) -> {
				var gauge = KpiGauge.of(name, kpi.unit());
				var labels = gauge.tags().stream().collect(Collectors.toMap(Tag::getKey, Tag::getValue));
				assertThat(scraped.value(gauge.name(), labels)).as(name + " as " + gauge.name() + labels)
					.hasValueSatisfying(shown -> assertThat(shown).isCloseTo(gauge.value(kpi.value()), within(1e-9)));
			});
		}
		finally {
			clock.set(today);
		}
	}

	private RebuildStatus rebuildStatus() {
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

	private void publishHistory() {
		// orders: c1, c2, c3 ordered in May; c1 (twice), c2 and c4 in June
		placed("o1", "c1", "WEB", "05-10T10:00:00Z", 1, "100.00");
		placed("o2", "c2", "WEB", "05-12T10:00:00Z", 1, "50.00");
		placed("o3", "c3", "MARKETPLACE", "05-20T10:00:00Z", 1, "80.00");
		placed("o4", "c1", "WEB", "06-03T10:00:00Z", 2, "120.00");
		placed("o5", "c1", "WEB", "06-10T10:00:00Z", 1, "60.00");
		placed("o6", "c2", "MARKETPLACE", "06-05T10:00:00Z", 3, "40.00");
		placed("o7", "c4", "WEB", "06-08T10:00:00Z", 1, "90.00");
		placed("o7", "c4", "WEB", "06-08T10:00:00Z", 1, "90.00");
		var erasure = history.sample(CustomerErasureRequested.class);
		erasure.put("customerId", history.id("c3"));
		history.publish(Topics.CUSTOMER_ERASURE, CustomerErasureRequested.TYPE, erasure);

		// shipments: s4 on time; s6 late, its delivery before its registration; s7 on its way
		registered("s4", "o4", carrierA, "WEB", "06-03T12:00:00Z", "06-06T16:00:00Z");
		delivered("s4", "o4", carrierA, "WEB", "06-06T16:00:00Z", "06-06T14:00:00Z");
		delivered("s6", "o6", carrierB, "MARKETPLACE", "06-08T16:00:00Z", "06-09T12:00:00Z");
		registered("s6", "o6", carrierB, "MARKETPLACE", "06-05T12:00:00Z", "06-08T16:00:00Z");
		registered("s7", "o7", carrierA, "WEB", "06-08T12:00:00Z", "06-12T16:00:00Z");
		// exceptions: e1 on s6 resolved after 18 h, the resolution first; e2 on s7 open
		resolved("e1", "s6", "o6", carrierB, "06-08T18:00:00Z", "06-09T12:00:00Z", 64800);
		raised("e1", "s6", "o6", carrierB, "06-08T18:00:00Z");
		raised("e2", "s7", "o7", carrierA, "06-11T10:00:00Z");

		// contacts
		contact("k1", "o4", "WISMO", true, "06-04T09:00:00Z");
		contact("k2", "o6", "DELIVERY_ISSUE", false, "06-09T09:00:00Z");
		contact("k3", "o7", "WISMO", true, "06-11T09:00:00Z");
		contact("k3", "o7", "WISMO", true, "06-11T09:00:00Z");

		// notifications
		notification(NotificationEngaged.class, "n1", "o4", "EMAIL", "06-03T12:01:00Z", "CLICKED");
		notification(NotificationSent.class, "n1", "o4", "EMAIL", "06-03T10:05:00Z", null);
		notification(NotificationEngaged.class, "n1", "o4", "EMAIL", "06-03T12:00:00Z", "OPENED");
		notification(NotificationSent.class, "n2", "o6", "EMAIL", "06-05T10:05:00Z", null);
		notification(NotificationEngaged.class, "n2", "o6", "EMAIL", "06-06T08:00:00Z", "OPENED");
		notification(NotificationSent.class, "n3", "o7", "SMS", "06-08T10:05:00Z", null);
		notification(NotificationEngaged.class, "n3", "o7", "SMS", "06-08T10:06:00Z", "DELIVERED");
		notification(NotificationSuppressed.class, "n4", "o5", "SMS", "06-10T10:05:00Z", "OPTED_OUT");
		notification(NotificationFailed.class, "n5", "o5", "WHATSAPP", "06-10T10:06:00Z", null);
		notification(NotificationSent.class, "n6", "o7", "EMAIL", "06-08T10:06:00Z", null);
		notification(NotificationSent.class, "n6", "o7", "EMAIL", "06-08T10:06:00Z", null);

		// returns: r1's refund before its receipt, its request twice; r2 rejected
		requested("r1", "o4", 1, "DAMAGED", "WEB", "06-07T10:00:00Z");
		requested("r1", "o4", 1, "DAMAGED", "WEB", "06-07T10:00:00Z");
		refunded("r1", "o4", "60.00", "06-12T12:00:00Z");
		received("r1", "o4", "06-12T10:00:00Z");
		requested("r2", "o6", 2, "DOES_NOT_FIT", "MARKETPLACE", "06-10T10:00:00Z");
		rejected("r2", "o6", "06-11T10:00:00Z");

		// survey answers
		answered("o4", "c1", "NPS", 10, "WEB", "06-07T10:00:00Z");
		answered("o6", "c2", "NPS", 5, "MARKETPLACE", "06-10T10:00:00Z");
		answered("o7", "c4", "NPS", 9, "WEB", "06-12T10:00:00Z");
		answered("o7", "c4", "NPS", 9, "WEB", "06-12T10:00:00Z");
		answered("o4", "c1", "CSAT", 5, "WEB", "06-07T10:01:00Z");
		answered("o6", "c2", "CSAT", 2, "MARKETPLACE", "06-10T10:01:00Z");
		answered("o4", "c1", "CES", 2, "WEB", "06-07T10:02:00Z");
		answered("o7", "c4", "CES", 4, "WEB", "06-12T10:02:00Z");
	}

	/** e2 is the one open exception of the history, on carrier A. */
	private void assertOpenExceptions() {
		var groups = report("carrier").get("groups");
		assertThat(kpi(groups.get(carrierA).get("openExceptions"))).isEqualTo(Kpi.count(1));
		assertThat(kpi(groups.get(carrierB).get("openExceptions"))).isEqualTo(Kpi.count(0));
	}

	/** Every KPI of June's total but openExceptions (see {@link #assertOpenExceptions()}). */
	private Map<String, Kpi> june() {
		var total = new TreeMap<String, Kpi>();
		report(null).get("total").properties().forEach(entry -> total.put(entry.getKey(), kpi(entry.getValue())));
		total.remove("openExceptions");
		return total;
	}

	private JsonNode report(String groupBy) {
		var body = web.get()
			.uri(uri -> uri.path("/api/v1/kpis")
				.queryParam("from", history.year() + "-06-01")
				.queryParam("to", history.year() + "-06-30")
				.queryParamIfPresent("groupBy", java.util.Optional.ofNullable(groupBy))
				.build())
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private static Kpi kpi(JsonNode node) {
		return JSON.treeToValue(node, Kpi.class);
	}

	private static Kpi rate(double value, long numerator, long denominator) {
		return new Kpi(value, numerator, denominator, null, "ratio");
	}

	private static Kpi of(double value, long count, String unit) {
		return new Kpi(value, null, null, count, unit);
	}

	private void placed(String order, String customer, String channel, String at, int units, String total) {
		var event = history.sample(OrderPlaced.class);
		event.put("orderId", history.id(order));
		((ObjectNode) event.get("customer")).put("customerId", history.id(customer));
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		event.put("placedAt", history.instant(at));
		var lines = (ArrayNode) event.get("lines");
		var line = (ObjectNode) lines.get(0);
		line.put("quantity", units);
		lines.removeAll();
		lines.add(line);
		((ObjectNode) event.get("total")).put("amount", new BigDecimal(total));
		history.publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, event);
	}

	private void registered(String shipment, String order, String carrier, String channel, String at,
			String promisedBy) {
		var event = history.sample(ShipmentRegistered.class);
		shipment(event, shipment, order, carrier, channel, at);
		((ObjectNode) event.get("promise")).put("from", history.instant(at));
		((ObjectNode) event.get("promise")).put("by", history.instant(promisedBy));
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentRegistered.TYPE, event);
	}

	private void delivered(String shipment, String order, String carrier, String channel, String promisedBy,
			String at) {
		var event = history.sample(ShipmentDelivered.class);
		shipment(event, shipment, order, carrier, channel, at);
		event.put("deliveredAt", history.instant(at));
		((ObjectNode) event.get("promise")).put("from", history.instant(promisedBy));
		((ObjectNode) event.get("promise")).put("by", history.instant(promisedBy));
		history.publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, event);
	}

	private void shipment(ObjectNode event, String shipment, String order, String carrier, String channel,
			String at) {
		event.put("orderId", history.id(order));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
	}

	private void raised(String exception, String shipment, String order, String carrier, String at) {
		var event = history.sample(DeliveryExceptionRaised.class);
		exception(event, exception, shipment, order, carrier, at);
		history.publish(Topics.DELIVERY_EXCEPTION_EVENTS, DeliveryExceptionRaised.TYPE, event);
	}

	private void resolved(String exception, String shipment, String order, String carrier, String raisedAt,
			String at, long openSeconds) {
		var event = history.sample(DeliveryExceptionResolved.class);
		exception(event, exception, shipment, order, carrier, at);
		event.put("raisedAt", history.instant(raisedAt));
		event.put("openSeconds", openSeconds);
		history.publish(Topics.DELIVERY_EXCEPTION_EVENTS, DeliveryExceptionResolved.TYPE, event);
	}

	private void exception(ObjectNode event, String exception, String shipment, String order, String carrier,
			String at) {
		event.put("orderId", history.id(order));
		event.put("exceptionId", history.id(exception));
		event.put("shipmentId", history.id(shipment));
		event.put("carrier", carrier);
		event.put("occurredAt", history.instant(at));
	}

	private void contact(String contact, String order, String reason, boolean resolvedAtOnce, String at) {
		var event = history.sample(SupportContactLogged.class);
		event.put("orderId", history.id(order));
		event.put("contactId", history.id(contact));
		event.put("reason", reason);
		event.put("resolvedOnFirstContact", resolvedAtOnce);
		event.put("occurredAt", history.instant(at));
		history.publish(Topics.ORDER_EVENTS, SupportContactLogged.TYPE, event);
	}

	/**
	 * @param detail the engagement (NotificationEngaged) or the reason (NotificationSuppressed)
	 */
	private void notification(Class<?> type, String notification, String order, String channel, String at,
			String detail) {
		var event = history.sample(type);
		event.put("notificationId", history.id(notification));
		event.put("orderId", history.id(order));
		event.put("channel", channel);
		event.put("occurredAt", history.instant(at));
		if (event.has("milestone")) {
			event.put("milestone", "DELAYED");
		}
		if (type == NotificationEngaged.class) {
			event.put("engagement", detail);
		}
		if (type == NotificationSuppressed.class) {
			event.put("reason", detail);
			event.remove("deferredUntil");
		}
		if (type == NotificationFailed.class) {
			event.put("willRetry", false);
		}
		var typeId = type == NotificationSent.class ? NotificationSent.TYPE
				: type == NotificationEngaged.class ? NotificationEngaged.TYPE
						: type == NotificationSuppressed.class ? NotificationSuppressed.TYPE : NotificationFailed.TYPE;
		history.publish(Topics.NOTIFICATION_EVENTS, typeId, event);
	}

	private void requested(String ret, String order, int units, String reason, String channel, String at) {
		var event = history.sample(ReturnRequested.class);
		returned(event, ret, order, at);
		event.put("reason", reason);
		event.put("salesChannel", channel);
		var line = (ObjectNode) event.get("lines").get(0);
		line.put("quantity", units);
		line.put("reason", reason);
		history.publish(Topics.RETURN_EVENTS, ReturnRequested.TYPE, event);
	}

	private void rejected(String ret, String order, String at) {
		var event = history.sample(ReturnRejected.class);
		returned(event, ret, order, at);
		history.publish(Topics.RETURN_EVENTS, ReturnRejected.TYPE, event);
	}

	private void received(String ret, String order, String at) {
		var event = history.sample(ReturnReceived.class);
		returned(event, ret, order, at);
		history.publish(Topics.RETURN_EVENTS, ReturnReceived.TYPE, event);
	}

	private void refunded(String ret, String order, String amount, String at) {
		var event = history.sample(RefundIssued.class);
		returned(event, ret, order, at);
		event.put("refundId", history.id("rfd-" + ret));
		event.put("outcome", "REFUND");
		((ObjectNode) event.get("amount")).put("amount", new BigDecimal(amount));
		((ObjectNode) event.get("amount")).put("currency", "EUR");
		history.publish(Topics.RETURN_EVENTS, RefundIssued.TYPE, event);
	}

	private void returned(ObjectNode event, String ret, String order, String at) {
		event.put("orderId", history.id(order));
		event.put("returnId", history.id(ret));
		event.put("occurredAt", history.instant(at));
	}

	private void answered(String order, String customer, String type, int score, String channel, String at) {
		var event = history.sample(SurveyAnswered.class);
		event.put("orderId", history.id(order));
		event.put("customerId", history.id(customer));
		event.put("surveyType", type);
		event.put("score", score);
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		history.publish(Topics.FEEDBACK_EVENTS, SurveyAnswered.TYPE, event);
	}

}
