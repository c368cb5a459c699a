package dev.postpurchase.metrics.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/** The returns KPIs computed from hand-made facts, against numbers worked out by hand. */
class ReturnsKpisTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Instant FROM = Instant.parse("2030-02-28T23:00:00Z"); // 2030-03-01 in Amsterdam

	private static final Instant TO = Instant.parse("2030-03-31T22:00:00Z"); // 2030-04-01 (summer time)

	// 10 units delivered on the 2nd (WEB), 6 on the 3rd (MARKETPLACE), 4 in February (not counted)
	private static final List<DeliveredOrder> DELIVERED = List.of(
			new DeliveredOrder("o1", 10, "WEB", at("2030-03-02T10:00:00Z")),
			new DeliveredOrder("o2", 6, "MARKETPLACE", at("2030-03-03T10:00:00Z")),
			new DeliveredOrder("o3", 4, "WEB", at("2030-02-20T10:00:00Z")),
			// delivered, its OrderPlaced not yet known: no units
			new DeliveredOrder("o4", null, "WEB", at("2030-03-03T11:00:00Z")));

	// 2 units, DAMAGED, requested on the 4th, received on the 8th, refunded an hour later: 12.50 EUR
	private static final ReturnFact R1 = new ReturnFact("r1", "o1", at("2030-03-04T10:00:00Z"), "DAMAGED", 2, "WEB",
			null, at("2030-03-08T10:00:00Z"), at("2030-03-08T11:00:00Z"), 1250L, "EUR", "REFUND");

	// 3 units, DOES_NOT_FIT, requested on the 4th, received on the 9th, refunded 3 hours later as store
	// credit: 7.25 EUR
	private static final ReturnFact R2 = new ReturnFact("r2", "o2", at("2030-03-04T12:00:00Z"), "DOES_NOT_FIT", 3,
			"MARKETPLACE", null, at("2030-03-09T10:00:00Z"), at("2030-03-09T13:00:00Z"), 725L, "EUR", "STORE_CREDIT");

	// 5 units, DAMAGED, rejected: counts by reason, not in the return rate
	private static final ReturnFact R3 = new ReturnFact("r3", "o1", at("2030-03-05T12:00:00Z"), "DAMAGED", 5, "WEB",
			at("2030-03-06T12:00:00Z"), null, null, null, null, null);

	// requested in February, refunded in March after 10 hours: 1000 JPY
	private static final ReturnFact R4 = new ReturnFact("r4", "o3", at("2030-02-25T12:00:00Z"), "OTHER", 1, "WEB",
			null, at("2030-03-10T00:00:00Z"), at("2030-03-10T10:00:00Z"), 1000L, "JPY", "REFUND");

	// refunded before it was received (no cycle time): 5.00 EUR
	private static final ReturnFact R5 = new ReturnFact("r5", "o2", at("2030-03-06T12:00:00Z"), "WRONG_ITEM", 1,
			"MARKETPLACE", null, null, at("2030-03-07T12:00:00Z"), 500L, "EUR", "REFUND");

	private static final List<ReturnFact> REQUESTED = List.of(R1, R2, R3, R5);

	private static final List<ReturnFact> REFUNDED = List.of(R1, R2, R4, R5);

	@Test
	void theTotalCountsEveryFactByItsOwnTime() {
		var total = compute(Dimension.TOTAL).get(Dimension.ALL);

		// R1 2 + R2 3 + R5 1 units returned (R3 rejected) / 10 + 6 + 0 units delivered in March
		assertThat(total.get("returnRate")).isEqualTo(new Kpi(6.0 / 16, 6L, 16L, null, "ratio"));
		assertThat(total.get("returns.DAMAGED")).isEqualTo(Kpi.count(2));
		assertThat(total.get("returns.DOES_NOT_FIT")).isEqualTo(Kpi.count(1));
		assertThat(total.get("returns.WRONG_ITEM")).isEqualTo(Kpi.count(1));
		// receipt → refund: 3600, 10800, 36000 s (R5 was not received); p90 rank ⌈2.7⌉ = 3
		assertThat(total.get("refundCycleSecondsMean")).isEqualTo(new Kpi(16800.0, null, null, 3L, "seconds"));
		assertThat(total.get("refundCycleSecondsP90")).isEqualTo(new Kpi(36000.0, null, null, 3L, "seconds"));
		// 12.50 + 7.25 (store credit) + 5.00 EUR; 1000 JPY
		assertThat(total.get("refundedAmount.EUR")).isEqualTo(new Kpi(24.75, null, null, 3L, "EUR"));
		assertThat(total.get("refundedAmount.JPY")).isEqualTo(new Kpi(1000.0, null, null, 1L, "JPY"));
		// R4's reason was requested in February; only reasons that occur
		assertThat(total).containsOnlyKeys("returnRate", "returns.DAMAGED", "returns.DOES_NOT_FIT",
				"returns.WRONG_ITEM", "refundCycleSecondsMean", "refundCycleSecondsP90", "refundedAmount.EUR",
				"refundedAmount.JPY");
	}

	@Test
	void eachDayCountsTheFactsOfThatDay() {
		var days = compute(Dimension.DAY);

		assertThat(days).containsOnlyKeys("2030-03-02", "2030-03-03", "2030-03-04", "2030-03-05", "2030-03-06",
				"2030-03-07", "2030-03-08", "2030-03-09", "2030-03-10");
		assertThat(days.get("2030-03-02").get("returnRate")).isEqualTo(new Kpi(0.0, 0L, 10L, null, "ratio"));
		assertThat(days.get("2030-03-04").get("returnRate")).isEqualTo(new Kpi(null, 5L, 0L, null, "ratio"));
		assertThat(days.get("2030-03-04").get("returns.DAMAGED")).isEqualTo(Kpi.count(1));
		assertThat(days.get("2030-03-05").get("returnRate")).isEqualTo(new Kpi(null, 0L, 0L, null, "ratio"));
		assertThat(days.get("2030-03-05").get("returns.DAMAGED")).isEqualTo(Kpi.count(1));
		assertThat(days.get("2030-03-08").get("refundCycleSecondsP90")).isEqualTo(new Kpi(3600.0, null, null, 1L, "seconds"));
		assertThat(days.get("2030-03-08").get("refundedAmount.EUR")).isEqualTo(new Kpi(12.5, null, null, 1L, "EUR"));
		assertThat(days.get("2030-03-07").get("refundCycleSecondsMean")).isEqualTo(new Kpi(null, null, null, 0L, "seconds"));
	}

	@Test
	void eachSalesChannelCountsItsOwnFactsAndThereIsNoCarrierSplit() {
		var channels = compute(Dimension.CHANNEL);

		assertThat(channels).containsOnlyKeys("WEB", "MARKETPLACE");
		// R1 2 units of 10 (o4's units unknown); R3 rejected
		assertThat(channels.get("WEB").get("returnRate")).isEqualTo(new Kpi(0.2, 2L, 10L, null, "ratio"));
		assertThat(channels.get("WEB").get("returns.DAMAGED")).isEqualTo(Kpi.count(2));
		assertThat(channels.get("WEB").get("refundCycleSecondsMean")).isEqualTo(new Kpi(19800.0, null, null, 2L, "seconds"));
		// R2 3 + R5 1 of 6
		assertThat(channels.get("MARKETPLACE").get("returnRate")).isEqualTo(new Kpi(4.0 / 6, 4L, 6L, null, "ratio"));
		assertThat(channels.get("MARKETPLACE").get("refundedAmount.EUR")).isEqualTo(new Kpi(12.25, null, null, 2L, "EUR"));

		assertThat(compute(Dimension.CARRIER)).isEmpty();
	}

	@Test
	void withoutFactsTheTotalHasItsKpisWithoutValues() {
		var total = ReturnKpis.compute(List.of(), List.of(), List.of(), FROM, TO, Dimension.TOTAL, ZONE);

		assertThat(total).containsOnlyKeys(Dimension.ALL);
		assertThat(total.get(Dimension.ALL)).isEqualTo(Map.of("returnRate", new Kpi(null, 0L, 0L, null, "ratio"),
				"refundCycleSecondsMean", new Kpi(null, null, null, 0L, "seconds"), "refundCycleSecondsP90",
				new Kpi(null, null, null, 0L, "seconds")));
		assertThat(ReturnKpis.compute(List.of(), List.of(), List.of(), FROM, TO, Dimension.DAY, ZONE)).isEmpty();
	}

	@Test
	void amountsAreKeptInMinorUnitsOfTheirCurrency() {
		assertThat(ReturnFacts.minorUnits(dev.postpurchase.contracts.Money.of("12.50", "EUR"))).isEqualTo(1250L);
		assertThat(ReturnFacts.minorUnits(dev.postpurchase.contracts.Money.of("1000", "JPY"))).isEqualTo(1000L);
		assertThat(ReturnFacts.majorUnits(1250L, "EUR")).isEqualTo(12.5);
	}

	private static Map<String, Map<String, Kpi>> compute(Dimension dimension) {
		return ReturnKpis.compute(REQUESTED, REFUNDED, DELIVERED, FROM, TO, dimension, ZONE);
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
