package dev.postpurchase.metrics.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/** The support KPIs computed from hand-made facts, against numbers worked out by hand. */
class SupportKpisTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Instant FROM = Instant.parse("2030-02-28T23:00:00Z"); // 2030-03-01 in Amsterdam

	private static final Instant TO = Instant.parse("2030-03-31T22:00:00Z"); // 2030-04-01 (summer time)

	private static final PlacedOrder O1 = order("o1", "2030-03-01T10:00:00Z", "WEB");

	private static final PlacedOrder O2 = order("o2", "2030-03-01T11:00:00Z", "MARKETPLACE");

	private static final PlacedOrder O3 = order("o3", "2030-03-02T10:00:00Z", "WEB");

	private static final PlacedOrder O4 = order("o4", "2030-03-02T11:00:00Z", "WEB");

	// placed before the range: not counted, its contact in the range is
	private static final PlacedOrder O0 = order("o0", "2030-02-20T10:00:00Z", "MARKETPLACE");

	private static final List<PlacedOrder> ORDERS = List.of(O0, O1, O2, O3, O4);

	private static final Map<String, PlacedOrder> BY_ID = Map.of("o0", O0, "o1", O1, "o2", O2, "o3", O3, "o4", O4);

	private static final List<ContactFact> CONTACTS = List.of(
			contact("c1", "o1", "2030-03-01T12:00:00Z", "WISMO", true),
			contact("c2", "o1", "2030-03-02T12:00:00Z", "WISMO", false),
			contact("c3", "o2", "2030-03-02T12:00:00Z", "RETURN", true),
			contact("c4", "o0", "2030-03-02T13:00:00Z", "DELIVERY_ISSUE", false),
			// an order not known: in the total and its day, not in the channel split
			contact("c5", "o9", "2030-03-02T14:00:00Z", "WISMO", true),
			// after the range
			contact("c6", "o1", "2030-04-01T12:00:00Z", "WISMO", true));

	@Test
	void theTotalDividesTheContactsOfTheRangeByItsOrders() {
		var total = compute(CONTACTS, ORDERS, Dimension.TOTAL).get(Dimension.ALL);

		// c1, c3, c5 resolved of c1–c5
		assertThat(total.get("firstContactResolutionRate")).isEqualTo(new Kpi(0.6, 3L, 5L, null, "ratio"));
		// 5 contacts, 4 orders placed (o1–o4)
		assertThat(total.get("contactsPerOrder")).isEqualTo(new Kpi(1.25, 5L, 4L, null, "count"));
		// c1, c2, c5 WISMO
		assertThat(total.get("wismoRate")).isEqualTo(new Kpi(0.75, 3L, 4L, null, "ratio"));
	}

	@Test
	void eachDayAndSalesChannelCountsItsOwnContactsAndOrders() {
		var days = compute(CONTACTS, ORDERS, Dimension.DAY);

		assertThat(days).containsOnlyKeys("2030-03-01", "2030-03-02");
		// 03-01: c1; o1, o2
		assertThat(days.get("2030-03-01").get("firstContactResolutionRate"))
			.isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(days.get("2030-03-01").get("contactsPerOrder")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "count"));
		assertThat(days.get("2030-03-01").get("wismoRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		// 03-02: c2–c5 (c3, c5 resolved; c2, c5 WISMO); o3, o4
		assertThat(days.get("2030-03-02").get("firstContactResolutionRate"))
			.isEqualTo(new Kpi(0.5, 2L, 4L, null, "ratio"));
		assertThat(days.get("2030-03-02").get("contactsPerOrder")).isEqualTo(new Kpi(2.0, 4L, 2L, null, "count"));
		assertThat(days.get("2030-03-02").get("wismoRate")).isEqualTo(new Kpi(1.0, 2L, 2L, null, "ratio"));

		var channels = compute(CONTACTS, ORDERS, Dimension.CHANNEL);
		assertThat(channels).containsOnlyKeys("WEB", "MARKETPLACE");
		// WEB: c1, c2 (o1); o1, o3, o4
		assertThat(channels.get("WEB").get("firstContactResolutionRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(channels.get("WEB").get("contactsPerOrder")).isEqualTo(new Kpi(2.0 / 3, 2L, 3L, null, "count"));
		assertThat(channels.get("WEB").get("wismoRate")).isEqualTo(new Kpi(2.0 / 3, 2L, 3L, null, "ratio"));
		// MARKETPLACE: c3 (o2), c4 (o0, placed before the range); o2
		assertThat(channels.get("MARKETPLACE").get("firstContactResolutionRate"))
			.isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(channels.get("MARKETPLACE").get("contactsPerOrder")).isEqualTo(new Kpi(2.0, 2L, 1L, null, "count"));
		assertThat(channels.get("MARKETPLACE").get("wismoRate")).isEqualTo(new Kpi(0.0, 0L, 1L, null, "ratio"));
	}

	@Test
	void withoutContactsOrOrdersEveryTotalIsEmpty() {
		var total = compute(List.of(), List.of(), Dimension.TOTAL).get(Dimension.ALL);

		assertThat(total).containsOnlyKeys("firstContactResolutionRate", "contactsPerOrder", "wismoRate");
		assertThat(total.values()).allSatisfy(kpi -> {
			assertThat(kpi.value()).isNull();
			assertThat(kpi.denominator()).isZero();
		});
		assertThat(compute(List.of(), List.of(), Dimension.DAY)).isEmpty();
		assertThat(compute(CONTACTS, ORDERS, Dimension.CARRIER)).isEmpty();
	}

	private static Map<String, Map<String, Kpi>> compute(List<ContactFact> contacts, List<PlacedOrder> orders,
			Dimension dimension) {
		return SupportKpis.compute(contacts, orders, BY_ID, FROM, TO, dimension, ZONE);
	}

	private static PlacedOrder order(String id, String placedAt, String channel) {
		return new PlacedOrder(id, Instant.parse(placedAt), channel);
	}

	private static ContactFact contact(String id, String orderId, String at, String reason, boolean resolved) {
		return new ContactFact(id, orderId, Instant.parse(at), reason, resolved);
	}

}
