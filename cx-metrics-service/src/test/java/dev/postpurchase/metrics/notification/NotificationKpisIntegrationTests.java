package dev.postpurchase.metrics.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.testkit.TestTokens;
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

	@Autowired
	WebTestClient web;

	@Autowired
	FactStore facts;

	private final ScriptedHistory history = new ScriptedHistory();

	private final String unique = history.unique();

	private final int year = history.year();

	@Test
	void sendsFailuresSuppressionsAndEngagementsMakeTheKpisWhateverOrderAndHowOftenTheirEventsCome() {
		placed("o1", "WEB");
		placed("o2", "MARKETPLACE");
		// N1 (SMS, o1): delivered, the receipt published twice and before the send
		var n1Delivered = engaged("n1", "o1", "SMS", "DELIVERED", "03-05T10:01:00Z");
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE, n1Delivered);
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE, n1Delivered);
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n1", "o1", "SMS", "03-05T10:00:00Z"));
		// N2 (WhatsApp, o2): no receipt
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n2", "o2", "WHATSAPP", "03-05T11:00:00Z"));
		// N3 (email, o1): sent twice; opened (twice: the first counts) and clicked
		var n3Sent = sent("n3", "o1", "EMAIL", "03-06T08:00:00Z");
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, n3Sent);
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, n3Sent);
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE,
				engaged("n3", "o1", "EMAIL", "OPENED", "03-07T09:00:00Z"));
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE,
				engaged("n3", "o1", "EMAIL", "OPENED", "03-06T09:00:00Z"));
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationEngaged.TYPE,
				engaged("n3", "o1", "EMAIL", "CLICKED", "03-06T09:01:00Z"));
		// N4 (email, o2): neither opened nor clicked
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n4", "o2", "EMAIL", "03-06T10:00:00Z"));
		// N5 (SMS, o1): a failure that will be retried, then one for good
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationFailed.TYPE, failed("n5", "o1", "03-05T12:00:00Z", true));
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationFailed.TYPE, failed("n5", "o1", "03-05T12:10:00Z", false));
		// N6 (email, o2): deferred for quiet hours, then sent: a send, no suppression
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSuppressed.TYPE,
				suppressed("n6", "o2", "EMAIL", "QUIET_HOURS", "03-06T05:00:00Z"));
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSent.TYPE, sent("n6", "o2", "EMAIL", "03-06T07:00:00Z"));
		// N7 (SMS, o2): opted out
		history.publish(Topics.NOTIFICATION_EVENTS, NotificationSuppressed.TYPE,
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
		assertThat(facts.findById(NotificationFacts.COLLECTION, history.id("n1"), NotificationFact.class).block(TIMEOUT))
			.isEqualTo(new NotificationFact(history.id("n1"), history.id("o1"), "SMS", "DELAYED", history.at("03-05T10:00:00Z"), null, null,
					null, history.at("03-05T10:01:00Z"), null, null));
		assertThat(facts.findById(NotificationFacts.COLLECTION, history.id("n3"), NotificationFact.class).block(TIMEOUT))
			.isEqualTo(new NotificationFact(history.id("n3"), history.id("o1"), "EMAIL", "DELAYED", history.at("03-06T08:00:00Z"), null, null,
					null, null, history.at("03-06T09:00:00Z"), history.at("03-06T09:01:00Z")));
		assertThat(facts.findById(NotificationFacts.COLLECTION, history.id("n6"), NotificationFact.class).block(TIMEOUT))
			.isEqualTo(new NotificationFact(history.id("n6"), history.id("o2"), "EMAIL", "DELAYED", history.at("03-06T07:00:00Z"), null, null,
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
		var event = history.sample(OrderPlaced.class);
		event.put("orderId", history.id(order));
		event.put("salesChannel", channel);
		history.publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, event);
	}

	private ObjectNode sent(String notification, String order, String channel, String at) {
		var event = history.sample(NotificationSent.class);
		described(event, notification, order, channel, at);
		return event;
	}

	private ObjectNode failed(String notification, String order, String at, boolean willRetry) {
		var event = history.sample(NotificationFailed.class);
		described(event, notification, order, "SMS", at);
		event.put("willRetry", willRetry);
		return event;
	}

	private ObjectNode suppressed(String notification, String order, String channel, String reason, String at) {
		var event = history.sample(NotificationSuppressed.class);
		described(event, notification, order, channel, at);
		event.put("reason", reason);
		if ("QUIET_HOURS".equals(reason)) {
			event.put("deferredUntil", history.instant("03-06T07:00:00Z"));
		}
		else {
			event.remove("deferredUntil");
		}
		return event;
	}

	private ObjectNode engaged(String notification, String order, String channel, String engagement, String at) {
		var event = history.sample(NotificationEngaged.class);
		described(event, notification, order, channel, at);
		event.put("engagement", engagement);
		return event;
	}

	private void described(ObjectNode event, String notification, String order, String channel, String at) {
		event.put("notificationId", history.id(notification));
		event.put("orderId", history.id(order));
		event.put("channel", channel);
		event.put("occurredAt", history.instant(at));
		if (event.has("milestone")) {
			event.put("milestone", "DELAYED");
		}
	}

}
