package dev.postpurchase.metrics.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notification KPIs of {@code GET /api/v1/kpis} from a scripted history published on
 * {@code notification.events} (and the orders' OrderPlaced on {@code order.events}, for their sales
 * channel), with duplicates, events out of order, a retried failure and a quiet-hours deferral. The
 * history lies in March of a random far-future year with ids of its own, so other tests' facts do not
 * mix in.
 */
@CxMetricsServiceIntegrationTest
class NotificationKpisIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final String unique = UUID.randomUUID().toString().substring(0, 8);

	private final int year = ThreadLocalRandom.current().nextInt(2100, 3000);

	@Test
	void sendsFailuresSuppressionsAndEngagementsMakeTheKpisWhateverOrderAndHowOftenTheirEventsCome() {
		placed("o1", "WEB");
		placed("o2", "MARKETPLACE");
		// N1 (SMS, o1): delivered, the receipt published twice and before the send
		var n1Delivered = engaged("n1", "o1", "SMS", "DELIVERED", "03-05T10:01:00Z");
		publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE, n1Delivered);
		publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE, n1Delivered);
		publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n1", "o1", "SMS", "03-05T10:00:00Z"));
		// N2 (WhatsApp, o2): no receipt
		publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n2", "o2", "WHATSAPP", "03-05T11:00:00Z"));
		// N3 (email, o1): sent twice; opened (twice: the first counts) and clicked
		var n3Sent = sent("n3", "o1", "EMAIL", "03-06T08:00:00Z");
		publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, n3Sent);
		publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, n3Sent);
		publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE,
				engaged("n3", "o1", "EMAIL", "OPENED", "03-07T09:00:00Z"));
		publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE,
				engaged("n3", "o1", "EMAIL", "OPENED", "03-06T09:00:00Z"));
		publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE,
				engaged("n3", "o1", "EMAIL", "CLICKED", "03-06T09:01:00Z"));
		// N4 (email, o2): neither opened nor clicked
		publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n4", "o2", "EMAIL", "03-06T10:00:00Z"));
		// N5 (SMS, o1): a failure that will be retried, then one for good
		publish(Topics.NOTIFICATION_EVENTS, NotificationFailed.TYPE, failed("n5", "o1", "03-05T12:00:00Z", true));
		publish(Topics.NOTIFICATION_EVENTS, NotificationFailed.TYPE, failed("n5", "o1", "03-05T12:10:00Z", false));
		// N6 (email, o2): deferred for quiet hours, then sent: a send, no suppression
		publish(Topics.NOTIFICATION_EVENTS, NotificationSuppressed.TYPE,
				suppressed("n6", "o2", "EMAIL", "QUIET_HOURS", "03-06T05:00:00Z"));
		publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n6", "o2", "EMAIL", "03-06T07:00:00Z"));
		// N7 (SMS, o2): opted out
		publish(Topics.NOTIFICATION_EVENTS, NotificationSuppressed.TYPE,
				suppressed("n7", "o2", "SMS", "OPTED_OUT", "03-06T12:00:00Z"));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = web.get()
				.uri("/api/v1/kpis?from={from}&to={to}&groupBy=channel", year + "-03-01", year + "-03-31")
				.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody();
			var day5 = "$.days['" + year + "-03-05'].";
			var day6 = "$.days['" + year + "-03-06'].";
			// sent: N1, N2 (with receipts), N3, N4, N6 (emails); N5 failed; N7 suppressed
			rate(report, "$.total.notificationDeliveryRate", 1, 2);
			rate(report, "$.total.notificationSuppressionRate", 1, 6);
			rate(report, "$.total.notificationFailureRate", 1, 6);
			rate(report, "$.total.emailOpenRate", 1, 3);
			rate(report, "$.total.emailClickThroughRate", 1, 3);
			// the 5th: N1, N2 sent, N5 failed; the 6th: N3, N4, N6 sent, N7 suppressed
			// other sections may have other days (open exceptions of other tests): none has this section's KPIs
			report.jsonPath("$.days['" + year + "-03-04']." + "notificationDeliveryRate").doesNotExist();
			report.jsonPath("$.days['" + year + "-03-07']." + "notificationDeliveryRate").doesNotExist();
			rate(report, day5 + "notificationDeliveryRate", 1, 2);
			rate(report, day5 + "notificationSuppressionRate", 0, 2);
			rate(report, day5 + "notificationFailureRate", 1, 3);
			rate(report, day5 + "emailOpenRate", 0, 0);
			rate(report, day5 + "emailClickThroughRate", 0, 0);
			rate(report, day6 + "notificationDeliveryRate", 0, 0);
			rate(report, day6 + "notificationSuppressionRate", 1, 4);
			rate(report, day6 + "notificationFailureRate", 0, 3);
			rate(report, day6 + "emailOpenRate", 1, 3);
			rate(report, day6 + "emailClickThroughRate", 1, 3);
			// WEB (o1): N1, N3 sent, N5 failed; MARKETPLACE (o2): N2, N4, N6 sent, N7 suppressed
			report.jsonPath("$.groups.MOBILE_APP.notificationDeliveryRate").doesNotExist();
			rate(report, "$.groups.WEB.notificationDeliveryRate", 1, 1);
			rate(report, "$.groups.WEB.notificationSuppressionRate", 0, 2);
			rate(report, "$.groups.WEB.notificationFailureRate", 1, 3);
			rate(report, "$.groups.WEB.emailOpenRate", 1, 1);
			rate(report, "$.groups.WEB.emailClickThroughRate", 1, 1);
			rate(report, "$.groups.MARKETPLACE.notificationDeliveryRate", 0, 1);
			rate(report, "$.groups.MARKETPLACE.notificationSuppressionRate", 1, 4);
			rate(report, "$.groups.MARKETPLACE.notificationFailureRate", 0, 3);
			rate(report, "$.groups.MARKETPLACE.emailOpenRate", 0, 2);
			rate(report, "$.groups.MARKETPLACE.emailClickThroughRate", 0, 2);
		});

		// the facts the out-of-order and deferred messages left are those of events in order
		assertThat(mongo.findById(id("n1"), NotificationFact.class, NotificationFacts.COLLECTION).block(TIMEOUT))
			.isEqualTo(new NotificationFact(id("n1"), id("o1"), "SMS", "DELAYED", at("03-05T10:00:00Z"), null, null,
					null, at("03-05T10:01:00Z"), null, null));
		assertThat(mongo.findById(id("n3"), NotificationFact.class, NotificationFacts.COLLECTION).block(TIMEOUT))
			.isEqualTo(new NotificationFact(id("n3"), id("o1"), "EMAIL", "DELAYED", at("03-06T08:00:00Z"), null, null,
					null, null, at("03-06T09:00:00Z"), at("03-06T09:01:00Z")));
		assertThat(mongo.findById(id("n6"), NotificationFact.class, NotificationFacts.COLLECTION).block(TIMEOUT))
			.isEqualTo(new NotificationFact(id("n6"), id("o2"), "EMAIL", "DELAYED", at("03-06T07:00:00Z"), null, null,
					null, null, null, null));
	}

	private static void rate(WebTestClient.BodyContentSpec report, String path, long numerator, long denominator) {
		report.jsonPath(path + ".numerator").isEqualTo((int) numerator)
			.jsonPath(path + ".denominator").isEqualTo((int) denominator)
			.jsonPath(path + ".unit").isEqualTo("ratio");
		if (denominator == 0) {
			report.jsonPath(path + ".value").doesNotExist();
		}
		else {
			report.jsonPath(path + ".value").isEqualTo((double) numerator / denominator);
		}
	}

	private void placed(String order, String channel) {
		var event = sample(OrderPlaced.class);
		event.put("orderId", id(order));
		event.put("salesChannel", channel);
		publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, event);
	}

	private ObjectNode sent(String notification, String order, String channel, String at) {
		var event = sample(NotificationSent.class);
		described(event, notification, order, channel, at);
		return event;
	}

	private ObjectNode failed(String notification, String order, String at, boolean willRetry) {
		var event = sample(NotificationFailed.class);
		described(event, notification, order, "SMS", at);
		event.put("willRetry", willRetry);
		return event;
	}

	private ObjectNode suppressed(String notification, String order, String channel, String reason, String at) {
		var event = sample(NotificationSuppressed.class);
		described(event, notification, order, channel, at);
		event.put("reason", reason);
		if ("QUIET_HOURS".equals(reason)) {
			event.put("deferredUntil", instant("03-06T07:00:00Z"));
		}
		else {
			event.remove("deferredUntil");
		}
		return event;
	}

	private ObjectNode engaged(String notification, String order, String channel, String engagement, String at) {
		var event = sample(NotificationEngaged.class);
		described(event, notification, order, channel, at);
		event.put("engagement", engagement);
		return event;
	}

	private void described(ObjectNode event, String notification, String order, String channel, String at) {
		event.put("notificationId", id(notification));
		event.put("orderId", id(order));
		event.put("channel", channel);
		event.put("occurredAt", instant(at));
		if (event.has("milestone")) {
			event.put("milestone", "DELAYED");
		}
	}

	private ObjectNode sample(Class<?> type) {
		var event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
		event.put("eventId", UUID.randomUUID().toString());
		return event;
	}

	private void publish(String topic, String type, ObjectNode event) {
		var key = event.get("orderId").asString();
		topics.send(topic, key, event.toString(), Map.of("ce_type", type, "ce_id", event.get("eventId").asString(),
				"ce_specversion", "1.0"));
	}

	private String id(String local) {
		return local + "_" + unique;
	}

	private Instant at(String monthDayTime) {
		return Instant.parse(instant(monthDayTime));
	}

	private String instant(String monthDayTime) {
		return year + "-" + monthDayTime;
	}

}
