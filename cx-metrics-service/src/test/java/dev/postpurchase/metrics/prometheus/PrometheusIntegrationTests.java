package dev.postpurchase.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.ScrapedMetrics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /actuator/prometheus} after a scripted history on every topic the KPIs come from, with
 * duplicates and a refund before its receipt: the KPI gauges show the numbers of
 * {@code GET /api/v1/kpis} without parameters, the counters count each fact once, and the whole
 * scrape passes Prometheus' naming conventions (and {@code promtool check metrics} where installed).
 * The history lies in June of a random far-future year, and the test's clock in that month.
 */
@CxMetricsServiceIntegrationTest
class PrometheusIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@Autowired
	KpiGauges gauges;

	@Autowired
	Environment environment;

	private final ScriptedHistory history = new ScriptedHistory();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	/** A carrier of this test alone, so its shipment counters start at zero. */
	private final String carrier = "prom-" + history.unique();

	private final List<RecordMetadata> sent = new ArrayList<>();

	private Instant clockBefore;

	@BeforeEach
	void inTheHistorysMonth() {
		clockBefore = clock.instant();
		clock.set(history.at("06-20T12:00:00Z"));
	}

	@AfterEach
	void clockBack() {
		clock.set(clockBefore);
	}

	@Test
	void gaugesShowTheKpisOfTheDefaultRangeAndCountersCountEachFactOnce() {
		var before = scrape();

		// order A, WEB, its OrderPlaced delivered twice
		var placed = event(OrderPlaced.class, "orderId", history.id("a"), "occurredAt", "06-01T10:00:05Z", "placedAt",
				"06-01T10:00:00Z", "salesChannel", "WEB");
		twice(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);
		// two parcels promised by the 3rd 16:00: S1 delivered 6 h early (its delivery twice), S2 21 h late
		for (var shipment : List.of("s1", "s2")) {
			publish(Topics.SHIPMENT_EVENTS, ShipmentRegistered.TYPE,
					promised(event(ShipmentRegistered.class, "shipmentId", history.id(shipment), "occurredAt",
							"06-01T12:00:00Z")));
		}
		twice(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, promised(event(ShipmentDelivered.class, "shipmentId",
				history.id("s1"), "occurredAt", "06-03T10:00:05Z", "deliveredAt", "06-03T10:00:00Z")));
		publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, promised(event(ShipmentDelivered.class, "shipmentId",
				history.id("s2"), "occurredAt", "06-04T13:00:05Z", "deliveredAt", "06-04T13:00:00Z")));
		// an exception on S2, open 25 h; its resolution twice
		publish(Topics.DELIVERY_EXCEPTION_EVENTS, DeliveryExceptionRaised.TYPE,
				event(DeliveryExceptionRaised.class, "exceptionId", history.id("e1"), "shipmentId", history.id("s2"),
						"carrier", carrier, "occurredAt", "06-03T12:00:00Z"));
		var resolved = event(DeliveryExceptionResolved.class, "exceptionId", history.id("e1"), "shipmentId",
				history.id("s2"), "carrier", carrier, "occurredAt", "06-04T13:00:00Z", "raisedAt", "06-03T12:00:00Z");
		resolved.put("openSeconds", 90_000);
		twice(Topics.DELIVERY_EXCEPTION_EVENTS, DeliveryExceptionResolved.TYPE, resolved);
		// a WISMO contact, logged twice
		twice(Topics.ORDER_EVENTS, SupportContactLogged.TYPE, event(SupportContactLogged.class, "contactId",
				history.id("c1"), "occurredAt", "06-02T09:00:00Z"));
		// an email sent (twice) and opened
		twice(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, event(NotificationSent.class, "notificationId",
				history.id("n1"), "occurredAt", "06-01T12:05:00Z"));
		var opened = event(NotificationEngaged.class, "notificationId", history.id("n1"), "occurredAt",
				"06-01T13:00:00Z", "channel", "EMAIL", "engagement", "OPENED");
		publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE, opened);
		// a DAMAGED return (requested twice), refunded 12.50 EUR 2 h after its receipt, the refund published first
		twice(Topics.RETURN_EVENTS, ReturnRequested.TYPE, event(ReturnRequested.class, "returnId", history.id("r1"),
				"occurredAt", "06-05T10:00:00Z", "reason", "DAMAGED"));
		var refund = event(RefundIssued.class, "returnId", history.id("r1"), "occurredAt", "06-08T12:00:00Z", "outcome",
				"REFUND");
		((ObjectNode) refund.get("amount")).put("amount", "12.50").put("currency", "EUR");
		publish(Topics.RETURN_EVENTS, RefundIssued.TYPE, refund);
		publish(Topics.RETURN_EVENTS, ReturnReceived.TYPE,
				event(ReturnReceived.class, "returnId", history.id("r1"), "occurredAt", "06-08T10:00:00Z"));

		awaitConsumed();
		var after = scrape();

		// every fact counted once, duplicates and the out-of-order refund notwithstanding
		assertThat(after.valueOrZero("cx_shipments_registered_total", Map.of("carrier", carrier))).isEqualTo(2.0);
		assertThat(after.valueOrZero("cx_shipments_delivered_total", Map.of("carrier", carrier, "on_time", "true")))
			.isEqualTo(1.0);
		assertThat(after.valueOrZero("cx_shipments_delivered_total", Map.of("carrier", carrier, "on_time", "false")))
			.isEqualTo(1.0);
		assertThat(after.valueOrZero("cx_delivery_exceptions_raised_total",
				Map.of("carrier", carrier, "kind", "carrier_exception")))
			.isEqualTo(1.0);
		assertIncreased(before, after, "cx_delivery_exception_resolution_seconds_count",
				Map.of("kind", "carrier_exception"), 1.0);
		assertIncreased(before, after, "cx_delivery_exception_resolution_seconds_sum",
				Map.of("kind", "carrier_exception"), 90_000.0);
		assertIncreased(before, after, "cx_orders_placed_total", Map.of("channel", "web"), 1.0);
		assertIncreased(before, after, "cx_support_contacts_total", Map.of("reason", "wismo"), 1.0);
		assertIncreased(before, after, "cx_notifications_total", Map.of("channel", "email", "outcome", "sent"), 1.0);
		assertIncreased(before, after, "cx_notification_engagements_total",
				Map.of("channel", "email", "engagement", "opened"), 1.0);
		assertIncreased(before, after, "cx_returns_requested_total", Map.of("reason", "damaged"), 1.0);
		assertIncreased(before, after, "cx_refunds_total", Map.of("outcome", "refund"), 1.0);
		assertIncreased(before, after, "cx_refund_cycle_seconds_count", Map.of(), 1.0);
		assertIncreased(before, after, "cx_refund_cycle_seconds_sum", Map.of(), 7200.0);
		assertIncreased(before, after, "cx_refund_cycle_seconds_bucket", Map.of("le", "3600.0"), 0.0);
		assertIncreased(before, after, "cx_refund_cycle_seconds_bucket", Map.of("le", "14400.0"), 1.0);

		// the gauges: the totals of GET /api/v1/kpis without parameters, in base units
		gauges.refresh().block(TIMEOUT);
		var total = kpis().get("total");
		var scraped = scrape();
		var compared = new ArrayList<String>();
		total.properties().forEach(entry -> {
			var kpi = entry.getValue();
			var gauge = KpiGauge.of(entry.getKey(), kpi.get("unit").asString());
			var labels = gauge.tags().stream().collect(Collectors.toMap(tag -> tag.getKey(), tag -> tag.getValue()));
			var shown = scraped.value(gauge.name(), labels);
			if (kpi.hasNonNull("value")) {
				assertThat(shown).as(entry.getKey() + " as " + gauge.name() + labels).isPresent();
				assertThat(shown.get()).as(entry.getKey())
					.isCloseTo(gauge.value(kpi.get("value").asDouble()), within(1e-9));
				compared.add(entry.getKey());
			}
			else {
				assertThat(shown).as(entry.getKey() + " has no value, so no gauge").isEmpty();
			}
		});
		assertThat(compared).contains("onTimeDeliveryRate", "deliveredMinusPromisedHoursP90", "returns.DAMAGED",
				"refundedAmount.EUR", "contactsPerOrder", "emailOpenRate");
		// named as docs/kpis.md tells
		assertThat(scraped.value("cx_kpi_on_time_delivery_ratio", Map.of())).contains(0.5);
		assertThat(scraped.value("cx_kpi_delivered_minus_promised_p90_seconds", Map.of())).contains(75_600.0);
		assertThat(scraped.value("cx_kpi_exception_resolution_mean_seconds", Map.of())).contains(90_000.0);
		assertThat(scraped.value("cx_kpi_returns", Map.of("reason", "damaged"))).contains(1.0);
		assertThat(scraped.value("cx_kpi_refunded_amount", Map.of("currency", "EUR"))).contains(12.5);
		assertThat(scraped.value("cx_kpis_refreshed_timestamp_seconds", Map.of()))
			.contains((double) history.at("06-20T12:00:00Z").getEpochSecond());
		// no survey answers in this history: no NPS
		assertThat(scraped.has("cx_kpi_nps")).isFalse();

		assertThat(scraped.families("cx_")).hasSizeGreaterThan(20);
		// the whole scrape, the JVM's, Kafka clients' and Spring's meters too
		var text = scrapedText();
		ScrapedMetrics.assertFollowsConventions(text);
		// our own meters say what they count where they are registered
		for (var own : List.of("cx_", "surveys_", "outbox_", "kafka_dlt_")) {
			assertThat(ScrapedMetrics.only(own, text)).as(own).doesNotContain("no description registered");
		}
	}

	private static void assertIncreased(ScrapedMetrics before, ScrapedMetrics after, String name,
			Map<String, String> labels, double by) {
		assertThat(after.valueOrZero(name, labels) - before.valueOrZero(name, labels)).as(name + labels).isEqualTo(by);
	}

	private ObjectNode event(Class<?> type, String... fields) {
		var event = history.sample(type);
		event.put("orderId", history.id("a"));
		for (int i = 0; i < fields.length; i += 2) {
			var value = fields[i + 1];
			event.put(fields[i], value.matches("\\d\\d-\\d\\dT.*") ? history.instant(value) : value);
		}
		if (event.has("carrier") && !List.of(fields).contains("carrier")) {
			event.put("carrier", carrier);
		}
		return event;
	}

	private ObjectNode promised(ObjectNode event) {
		((ObjectNode) event.get("promise")).put("from", history.instant("06-03T06:00:00Z"))
			.put("by", history.instant("06-03T16:00:00Z"));
		event.remove("promiseState");
		return event;
	}

	private void twice(String topic, String type, ObjectNode event) {
		publish(topic, type, event);
		publish(topic, type, event);
	}

	/** Publishes as {@link ScriptedHistory#publish} does, keeping where the record went. */
	private void publish(String topic, String type, ObjectNode event) {
		sent.add(topics.send(topic, event.get("orderId").asString(), event.toString(),
				Map.of("ce_type", type, "ce_id", event.get("eventId").asString(), "ce_specversion", "1.0")));
	}

	/** Waits until every listener of the service has consumed (and committed) every record sent. */
	private void awaitConsumed() {
		try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				environment.getRequiredProperty("spring.kafka.bootstrap-servers")))) {
			await().atMost(TIMEOUT).untilAsserted(() -> {
				var groups = admin.listGroups().all().get().stream().map(GroupListing::groupId)
					.filter(group -> group.startsWith("cx-metrics-service."))
					.toList();
				var described = admin.describeConsumerGroups(groups).all().get();
				for (var group : groups) {
					var assigned = described.get(group).members().stream()
						.flatMap(member -> member.assignment().topicPartitions().stream())
						.toList();
					var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
					for (var record : sent) {
						var partition = new TopicPartition(record.topic(), record.partition());
						if (assigned.contains(partition)) {
							var offset = committed.get(partition);
							assertThat(offset == null ? -1 : offset.offset()).as(group + " on " + partition)
								.isGreaterThan(record.offset());
						}
					}
				}
			});
		}
	}

	private JsonNode kpis() {
		var body = web.get()
			.uri("/api/v1/kpis")
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private String scrapedText() {
		return web.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private ScrapedMetrics scrape() {
		return ScrapedMetrics.parse(scrapedText());
	}

}
