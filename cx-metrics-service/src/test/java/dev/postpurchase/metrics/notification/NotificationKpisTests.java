package dev.postpurchase.metrics.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/** The notification KPIs computed from hand-made facts, against numbers worked out by hand. */
class NotificationKpisTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Instant FROM = Instant.parse("2030-02-28T23:00:00Z"); // 2030-03-01 in Amsterdam

	private static final Instant TO = Instant.parse("2030-03-31T22:00:00Z"); // 2030-04-01 (summer time)

	// SMS sent 03-01, delivered
	private static final NotificationFact N1 = fact("n1", "o1", "SMS", "2030-03-01T10:00:00Z", null, null,
			"2030-03-01T10:01:00Z", null, null);

	// WhatsApp sent 03-02, no receipt
	private static final NotificationFact N2 = fact("n2", "o2", "WHATSAPP", "2030-03-02T10:00:00Z", null, null, null,
			null, null);

	// email sent 03-01, opened and clicked (the open on 03-02 still counts with its send)
	private static final NotificationFact N3 = fact("n3", "o1", "EMAIL", "2030-03-01T12:00:00Z", null, null, null,
			"2030-03-02T08:00:00Z", "2030-03-02T08:01:00Z");

	// email sent 03-02, opened only
	private static final NotificationFact N4 = fact("n4", "o2", "EMAIL", "2030-03-02T12:00:00Z", null, null, null,
			"2030-03-02T13:00:00Z", null);

	// email sent 03-02, nothing; its order has no known channel
	private static final NotificationFact N5 = fact("n5", "o3", "EMAIL", "2030-03-02T14:00:00Z", null, null, null,
			null, null);

	// SMS failed for good 03-01
	private static final NotificationFact N6 = fact("n6", "o1", "SMS", null, "2030-03-01T09:00:00Z", null, null, null,
			null);

	// email suppressed 03-02
	private static final NotificationFact N7 = fact("n7", "o2", "EMAIL", null, null, "2030-03-02T09:00:00Z", null, null,
			null);

	// sent before the range (February 28th in Amsterdam is 22:59Z): not counted, though opened in it
	private static final NotificationFact N8 = fact("n8", "o1", "EMAIL", "2030-02-28T22:59:00Z", null, null, null,
			"2030-03-01T08:00:00Z", null);

	private static final List<NotificationFact> FACTS = List.of(N1, N2, N3, N4, N5, N6, N7, N8);

	private static final Map<String, String> CHANNELS = Map.of("o1", "WEB", "o2", "MARKETPLACE");

	@Test
	void theTotalCountsEachMessageByItsDecisiveEvent() {
		var total = compute(FACTS, Dimension.TOTAL).get(Dimension.ALL);

		// 2 sent with receipts (N1, N2), N1 delivered
		assertThat(total.get("notificationDeliveryRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		// 5 sent (N1–N5), 1 suppressed (N7): 1/6
		assertThat(total.get("notificationSuppressionRate")).isEqualTo(new Kpi(1.0 / 6, 1L, 6L, null, "ratio"));
		// 5 sent, 1 failed (N6): 1/6
		assertThat(total.get("notificationFailureRate")).isEqualTo(new Kpi(1.0 / 6, 1L, 6L, null, "ratio"));
		// 3 emails sent (N3, N4, N5): 2 opened, 1 clicked
		assertThat(total.get("emailOpenRate")).isEqualTo(new Kpi(2.0 / 3, 2L, 3L, null, "ratio"));
		assertThat(total.get("emailClickThroughRate")).isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
	}

	@Test
	void eachDayCountsTheMessagesDecidedOnIt() {
		var days = compute(FACTS, Dimension.DAY);

		assertThat(days).containsOnlyKeys("2030-03-01", "2030-03-02");
		// 03-01: N1 (SMS, delivered) and N3 (email, opened, clicked) sent, N6 failed
		var first = days.get("2030-03-01");
		assertThat(first.get("notificationDeliveryRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(first.get("notificationFailureRate")).isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
		assertThat(first.get("notificationSuppressionRate")).isEqualTo(new Kpi(0.0, 0L, 2L, null, "ratio"));
		assertThat(first.get("emailOpenRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(first.get("emailClickThroughRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		// 03-02: N2 (WhatsApp), N4, N5 (emails) sent, N7 suppressed
		var second = days.get("2030-03-02");
		assertThat(second.get("notificationDeliveryRate")).isEqualTo(new Kpi(0.0, 0L, 1L, null, "ratio"));
		assertThat(second.get("notificationSuppressionRate")).isEqualTo(new Kpi(0.25, 1L, 4L, null, "ratio"));
		assertThat(second.get("notificationFailureRate")).isEqualTo(new Kpi(0.0, 0L, 3L, null, "ratio"));
		assertThat(second.get("emailOpenRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(second.get("emailClickThroughRate")).isEqualTo(new Kpi(0.0, 0L, 2L, null, "ratio"));
	}

	@Test
	void eachSalesChannelCountsTheMessagesOfItsOrders() {
		var channels = compute(FACTS, Dimension.CHANNEL);

		// N5's order has no known channel: left out
		assertThat(channels).containsOnlyKeys("WEB", "MARKETPLACE");
		// WEB (o1): N1, N3 sent, N6 failed
		assertThat(channels.get("WEB").get("notificationFailureRate"))
			.isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
		assertThat(channels.get("WEB").get("notificationDeliveryRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		// MARKETPLACE (o2): N2, N4 sent, N7 suppressed
		assertThat(channels.get("MARKETPLACE").get("notificationSuppressionRate"))
			.isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
		assertThat(channels.get("MARKETPLACE").get("emailOpenRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(channels.get("MARKETPLACE").get("emailClickThroughRate"))
			.isEqualTo(new Kpi(0.0, 0L, 1L, null, "ratio"));
	}

	@Test
	void withoutMessagesEveryTotalIsEmptyAndNoDayOrGroupIsThere() {
		var total = compute(List.of(), Dimension.TOTAL).get(Dimension.ALL);

		assertThat(total).hasSize(5);
		assertThat(total.values()).allSatisfy(kpi -> {
			assertThat(kpi.value()).isNull();
			assertThat(kpi.denominator()).isZero();
		});
		assertThat(compute(List.of(), Dimension.DAY)).isEmpty();
		assertThat(compute(FACTS, Dimension.CARRIER)).isEmpty();
	}

	private static Map<String, Map<String, Kpi>> compute(List<NotificationFact> facts, Dimension dimension) {
		return NotificationKpis.compute(facts, CHANNELS, FROM, TO, dimension, ZONE);
	}

	private static NotificationFact fact(String id, String orderId, String channel, String sentAt, String failedAt,
			String suppressedAt, String deliveredAt, String openedAt, String clickedAt) {
		return new NotificationFact(id, orderId, channel, "DELAYED", instant(sentAt), instant(failedAt),
				instant(suppressedAt), suppressedAt == null ? null : "OPTED_OUT", instant(deliveredAt), instant(openedAt),
				instant(clickedAt));
	}

	private static Instant instant(String at) {
		return at == null ? null : Instant.parse(at);
	}

}
