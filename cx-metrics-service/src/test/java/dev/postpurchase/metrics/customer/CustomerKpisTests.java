package dev.postpurchase.metrics.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/**
 * The customer KPIs computed from hand-made orders, against numbers worked out by hand. The range is
 * 10–11 January 2030 (Amsterdam), so the period before it is 8–9 January.
 */
class CustomerKpisTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Instant FROM = Instant.parse("2030-01-09T23:00:00Z"); // 2030-01-10 in Amsterdam

	private static final Instant TO = Instant.parse("2030-01-11T23:00:00Z"); // 2030-01-12

	private static final List<CustomerOrder> ORDERS = List.of(
			// before the period before: ignored
			order("d0", "d", "2030-01-06T23:30:00Z", "WEB", "500.00", "EUR"),
			// the period before (8–9 January): a, b, d (WEB), c (MARKETPLACE)
			order("a1", "a", "2030-01-08T10:00:00Z", "WEB", "100.00", "EUR"),
			order("d1", "d", "2030-01-08T11:00:00Z", "WEB", "20.00", "EUR"),
			order("b1", "b", "2030-01-09T10:00:00Z", "WEB", "50.00", "EUR"),
			order("c1", "c", "2030-01-09T22:30:00Z", "MARKETPLACE", "30.00", "EUR"), // 23:30 on the 9th
			// the range: a twice (WEB, MARKETPLACE), b; e twice (one in USD), f new; c and d churned
			order("a2", "a", "2030-01-10T10:00:00Z", "WEB", "39.99", "EUR"),
			order("b2", "b", "2030-01-10T12:00:00Z", "WEB", "80.01", "EUR"),
			order("a3", "a", "2030-01-11T09:00:00Z", "MARKETPLACE", "25.10", "EUR"),
			order("e1", "e", "2030-01-11T10:00:00Z", "WEB", "90.00", "EUR"),
			order("e2", "e", "2030-01-11T11:00:00Z", "WEB", "20.00", "USD"),
			order("f1", "f", "2030-01-11T22:59:59Z", "MARKETPLACE", "34.90", "EUR"),
			// after the range: ignored
			order("c2", "c", "2030-01-11T23:00:00Z", "MARKETPLACE", "70.00", "EUR"));

	@Test
	void theTotalComparesTheRangesCustomersWithThoseOfThePeriodBefore() {
		var total = compute(ORDERS, Dimension.TOTAL).get(Dimension.ALL);

		// before: a, b, c, d; now: a, b, e, f → a and b retained, c and d churned
		assertThat(total.get("retentionRate")).isEqualTo(new Kpi(0.5, 2L, 4L, null, "ratio"));
		assertThat(total.get("churnRate")).isEqualTo(new Kpi(0.5, 2L, 4L, null, "ratio"));
		// a and e ordered twice, of 4 customers
		assertThat(total.get("repeatPurchaseRate")).isEqualTo(new Kpi(0.5, 2L, 4L, null, "ratio"));
		// 39.99 + 80.01 + 25.10 + 90.00 + 34.90 = 270.00 EUR over 5 orders; the USD order is left out
		assertThat(total.get("averageOrderValue")).isEqualTo(new Kpi(54.0, null, null, 5L, "EUR"));
		// 6 orders (the USD one too) by 4 customers
		assertThat(total.get("purchaseFrequency")).isEqualTo(new Kpi(1.5, 6L, 4L, null, "count"));
		// 1 / churn rate = 4 / 2 periods
		assertThat(total.get("expectedLifespan")).isEqualTo(new Kpi(2.0, 4L, 2L, null, "periods"));
		// 54 × 1.5 × 2
		assertThat(total.get("customerLifetimeValue")).isEqualTo(new Kpi(162.0, null, null, null, "EUR"));
	}

	@Test
	void eachDayIsComparedWithTheDayBefore() {
		var days = compute(ORDERS, Dimension.DAY);

		assertThat(days).containsOnlyKeys("2030-01-10", "2030-01-11");
		// the 10th: a, b against the 9th's b, c
		var tenth = days.get("2030-01-10");
		assertThat(tenth.get("retentionRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(tenth.get("churnRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(tenth.get("repeatPurchaseRate")).isEqualTo(new Kpi(0.0, 0L, 2L, null, "ratio"));
		// (39.99 + 80.01) / 2, exactly
		assertThat(tenth.get("averageOrderValue")).isEqualTo(new Kpi(60.0, null, null, 2L, "EUR"));
		assertThat(tenth.get("purchaseFrequency")).isEqualTo(new Kpi(1.0, 2L, 2L, null, "count"));
		assertThat(tenth.get("expectedLifespan")).isEqualTo(new Kpi(2.0, 2L, 1L, null, "periods"));
		assertThat(tenth.get("customerLifetimeValue")).isEqualTo(new Kpi(120.0, null, null, null, "EUR"));
		// the 11th: a, e (twice), f against the 10th's a, b
		var eleventh = days.get("2030-01-11");
		assertThat(eleventh.get("retentionRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(eleventh.get("churnRate")).isEqualTo(new Kpi(0.5, 1L, 2L, null, "ratio"));
		assertThat(eleventh.get("repeatPurchaseRate")).isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
		// (25.10 + 90.00 + 34.90) / 3
		assertThat(eleventh.get("averageOrderValue")).isEqualTo(new Kpi(50.0, null, null, 3L, "EUR"));
		assertThat(eleventh.get("purchaseFrequency")).isEqualTo(new Kpi(4.0 / 3, 4L, 3L, null, "count"));
		assertThat(eleventh.get("expectedLifespan")).isEqualTo(new Kpi(2.0, 2L, 1L, null, "periods"));
		// 50 × 4/3 × 2
		assertThat(eleventh.get("customerLifetimeValue").value()).isCloseTo(400.0 / 3, within(1e-9));
	}

	@Test
	void eachSalesChannelCountsItsOwnOrdersAndCustomers() {
		var channels = compute(ORDERS, Dimension.CHANNEL);

		assertThat(channels).containsOnlyKeys("WEB", "MARKETPLACE");
		// WEB: a, b, d before; a, b, e (twice, once in USD) now
		var web = channels.get("WEB");
		assertThat(web.get("retentionRate")).isEqualTo(new Kpi(2.0 / 3, 2L, 3L, null, "ratio"));
		assertThat(web.get("churnRate")).isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
		assertThat(web.get("repeatPurchaseRate")).isEqualTo(new Kpi(1.0 / 3, 1L, 3L, null, "ratio"));
		// (39.99 + 80.01 + 90.00) / 3
		assertThat(web.get("averageOrderValue")).isEqualTo(new Kpi(70.0, null, null, 3L, "EUR"));
		assertThat(web.get("purchaseFrequency")).isEqualTo(new Kpi(4.0 / 3, 4L, 3L, null, "count"));
		assertThat(web.get("expectedLifespan")).isEqualTo(new Kpi(3.0, 3L, 1L, null, "periods"));
		// 70 × 4/3 × 3
		assertThat(web.get("customerLifetimeValue")).isEqualTo(new Kpi(280.0, null, null, null, "EUR"));
		// MARKETPLACE: c before; a (new to this channel) and f now
		var marketplace = channels.get("MARKETPLACE");
		assertThat(marketplace.get("retentionRate")).isEqualTo(new Kpi(0.0, 0L, 1L, null, "ratio"));
		assertThat(marketplace.get("churnRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(marketplace.get("repeatPurchaseRate")).isEqualTo(new Kpi(0.0, 0L, 2L, null, "ratio"));
		assertThat(marketplace.get("averageOrderValue")).isEqualTo(new Kpi(30.0, null, null, 2L, "EUR"));
		assertThat(marketplace.get("purchaseFrequency")).isEqualTo(new Kpi(1.0, 2L, 2L, null, "count"));
		assertThat(marketplace.get("expectedLifespan")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "periods"));
		assertThat(marketplace.get("customerLifetimeValue")).isEqualTo(new Kpi(30.0, null, null, null, "EUR"));
	}

	@Test
	void theReportingCurrencyDecidesWhichOrdersHaveAValue() {
		var total = CustomerKpis.compute(ORDERS, FROM, TO, Dimension.TOTAL, ZONE, "USD").get(Dimension.ALL);

		// only e's 20.00 USD order
		assertThat(total.get("averageOrderValue")).isEqualTo(new Kpi(20.0, null, null, 1L, "USD"));
		// 20 × 1.5 × 2
		assertThat(total.get("customerLifetimeValue")).isEqualTo(new Kpi(60.0, null, null, null, "USD"));
		// counts do not depend on the currency
		assertThat(total.get("purchaseFrequency")).isEqualTo(new Kpi(1.5, 6L, 4L, null, "count"));

		var none = CustomerKpis.compute(ORDERS, FROM, TO, Dimension.TOTAL, ZONE, "GBP").get(Dimension.ALL);
		assertThat(none.get("averageOrderValue")).isEqualTo(new Kpi(null, null, null, 0L, "GBP"));
		assertThat(none.get("customerLifetimeValue")).isEqualTo(new Kpi(null, null, null, null, "GBP"));
	}

	@Test
	void withoutChurnTheLifespanAndLifetimeValueAreUnknown() {
		var loyal = List.of(order("x1", "x", "2030-01-08T10:00:00Z", "WEB", "10.00", "EUR"),
				order("x2", "x", "2030-01-10T10:00:00Z", "WEB", "10.00", "EUR"));

		var total = compute(loyal, Dimension.TOTAL).get(Dimension.ALL);

		assertThat(total.get("retentionRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(total.get("churnRate")).isEqualTo(new Kpi(0.0, 0L, 1L, null, "ratio"));
		assertThat(total.get("expectedLifespan")).isEqualTo(new Kpi(null, 1L, 0L, null, "periods"));
		assertThat(total.get("averageOrderValue")).isEqualTo(new Kpi(10.0, null, null, 1L, "EUR"));
		assertThat(total.get("customerLifetimeValue")).isEqualTo(new Kpi(null, null, null, null, "EUR"));
	}

	@Test
	void aDayAfterADayWithOrdersShowsWhoDidNotComeBack() {
		var days = compute(List.of(order("x1", "x", "2030-01-10T10:00:00Z", "WEB", "10.00", "EUR")), Dimension.DAY);

		assertThat(days).containsOnlyKeys("2030-01-10", "2030-01-11");
		var eleventh = days.get("2030-01-11");
		assertThat(eleventh.get("churnRate")).isEqualTo(new Kpi(1.0, 1L, 1L, null, "ratio"));
		assertThat(eleventh.get("repeatPurchaseRate")).isEqualTo(new Kpi(null, 0L, 0L, null, "ratio"));
		assertThat(eleventh.get("averageOrderValue").value()).isNull();
	}

	@Test
	void withoutOrdersEveryTotalIsEmpty() {
		var total = compute(List.of(), Dimension.TOTAL).get(Dimension.ALL);

		assertThat(total).containsOnlyKeys("retentionRate", "churnRate", "repeatPurchaseRate", "averageOrderValue",
				"purchaseFrequency", "expectedLifespan", "customerLifetimeValue");
		assertThat(total.values()).allSatisfy(kpi -> assertThat(kpi.value()).isNull());
		assertThat(compute(List.of(), Dimension.DAY)).isEmpty();
		assertThat(compute(List.of(), Dimension.CHANNEL)).isEmpty();
		assertThat(compute(ORDERS, Dimension.CARRIER)).isEmpty();
	}

	@Test
	void theOrdersToReadStartAPeriodOrADayBeforeTheRange() {
		assertThat(CustomerKpis.readFrom(FROM, TO, Dimension.TOTAL, ZONE)).isEqualTo("2030-01-07T23:00:00Z");
		assertThat(CustomerKpis.readFrom(FROM, TO, Dimension.CHANNEL, ZONE)).isEqualTo("2030-01-07T23:00:00Z");
		// the 9th in Amsterdam
		assertThat(CustomerKpis.readFrom(FROM, TO, Dimension.DAY, ZONE)).isEqualTo("2030-01-08T23:00:00Z");
	}

	@Test
	void aCustomersKeyIsAHashOfTheIdAndNotTheId() {
		// echo -n "cx-metrics-customer:cus_N4T7LQ2D9V" | sha256sum
		assertThat(CustomerFacts.customerKey("cus_N4T7LQ2D9V"))
			.isEqualTo("b05a938c83f6781194272fcd4469811b4588b1b37a8b654844065b942ed78534");
	}

	private static Map<String, Map<String, Kpi>> compute(List<CustomerOrder> orders, Dimension dimension) {
		return CustomerKpis.compute(orders, FROM, TO, dimension, ZONE, "EUR");
	}

	private static CustomerOrder order(String id, String customer, String placedAt, String channel, String total,
			String currency) {
		return new CustomerOrder(id, customer, Instant.parse(placedAt), channel, new BigDecimal(total), currency);
	}

}
