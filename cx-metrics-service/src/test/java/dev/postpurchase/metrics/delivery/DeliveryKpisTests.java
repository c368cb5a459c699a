package dev.postpurchase.metrics.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/** The delivery KPIs computed from hand-made facts, against numbers worked out by hand. */
class DeliveryKpisTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Instant FROM = Instant.parse("2030-02-28T23:00:00Z"); // 2030-03-01 in Amsterdam

	private static final Instant TO = Instant.parse("2030-03-31T22:00:00Z"); // 2030-04-01 (summer time)

	// on time by 2h, delivered 2030-03-05
	private static final ShipmentFact S1 = shipment("s1", "dhl", "WEB", "2030-03-02T12:00:00Z", "2030-03-05T16:00:00Z",
			"2030-03-05T14:00:00Z");

	// 20h late, delivered 2030-03-06
	private static final ShipmentFact S2 = shipment("s2", "dhl", "WEB", "2030-03-02T13:00:00Z", "2030-03-05T16:00:00Z",
			"2030-03-06T12:00:00Z");

	// on its way
	private static final ShipmentFact S3 = shipment("s3", "dhl", "MARKETPLACE", "2030-03-03T12:00:00Z",
			"2030-03-06T16:00:00Z", null);

	// on time by 4h, delivered 2030-03-05
	private static final ShipmentFact S4 = shipment("s4", "ups", "MARKETPLACE", "2030-03-03T12:00:00Z",
			"2030-03-05T16:00:00Z", "2030-03-05T12:00:00Z");

	// delivered without a promise: not in the on-time rate nor the lateness
	private static final ShipmentFact S5 = shipment("s5", "ups", "WEB", "2030-02-20T12:00:00Z", null,
			"2030-03-07T12:00:00Z");

	// delivered exactly at the promise: on time
	private static final ShipmentFact S6 = shipment("s6", "ups", "WEB", "2030-02-20T12:00:00Z", "2030-03-08T12:00:00Z",
			"2030-03-08T12:00:00Z");

	private static final ExceptionFact E1 = exception("e1", "s2", "dhl", "LATE", "2030-03-04T12:00:00Z",
			"2030-03-06T12:00:00Z", 172800L);

	private static final ExceptionFact E2 = exception("e2", "s3", "dhl", "STALLED", "2030-03-05T12:00:00Z", null, null);

	private static final ExceptionFact E3 = exception("e3", "s4", "ups", "LATE", "2030-03-04T12:00:00Z",
			"2030-03-04T13:00:00Z", 3600L);

	// raised before the range, still open at its end; its shipment is unknown
	private static final ExceptionFact E4 = exception("e4", "s9", "ups", "CARRIER_EXCEPTION", "2030-02-10T12:00:00Z", null,
			null);

	// raised before the range, resolved after it: open at its end, resolution not in the range
	private static final ExceptionFact E5 = exception("e5", "s1", "dhl", "STALLED", "2030-02-27T12:00:00Z",
			"2030-04-02T12:00:00Z", 3_000_000L);

	private static final List<ShipmentFact> SHIPMENTS = List.of(S1, S2, S3, S4, S5, S6);

	private static final List<ExceptionFact> EXCEPTIONS = List.of(E1, E2, E3, E4, E5);

	private static final Map<String, ShipmentFact> BY_ID = Map.of("s1", S1, "s2", S2, "s3", S3, "s4", S4, "s5", S5, "s6",
			S6);

	@Test
	void theTotalCountsEveryFactByItsOwnTime() {
		var total = compute(Dimension.TOTAL).get(Dimension.ALL);

		// S1, S4, S6 on time of S1, S2, S4, S6 with a promise; S5 has none
		assertThat(total.get("onTimeDeliveryRate")).isEqualTo(new Kpi(0.75, 3L, 4L, null, "ratio"));
		// hours: -2, +20, -4, 0 → sorted -4, -2, 0, 20; p50 rank 2, p90 rank 4
		assertThat(total.get("deliveredMinusPromisedHoursMean")).isEqualTo(new Kpi(3.5, null, null, 4L, "hours"));
		assertThat(total.get("deliveredMinusPromisedHoursP50")).isEqualTo(new Kpi(-2.0, null, null, 4L, "hours"));
		assertThat(total.get("deliveredMinusPromisedHoursP90")).isEqualTo(new Kpi(20.0, null, null, 4L, "hours"));
		// E1, E2, E3 raised in March; S1–S4 registered in March (S5, S6 in February)
		assertThat(total.get("exceptionsPer100Shipments")).isEqualTo(new Kpi(75.0, 3L, 4L, null, "count"));
		// at the end of March: E2, E4 (never resolved) and E5 (resolved in April)
		assertThat(total.get("openExceptions")).isEqualTo(Kpi.count(3));
		// E1 172800 and E3 3600 resolved in March; E5 in April does not count
		assertThat(total.get("exceptionResolutionSecondsMean")).isEqualTo(new Kpi(88200.0, null, null, 2L, "seconds"));
		assertThat(total.get("exceptionResolutionSecondsP50")).isEqualTo(new Kpi(3600.0, null, null, 2L, "seconds"));
		assertThat(total.get("exceptionResolutionSecondsP90")).isEqualTo(new Kpi(172800.0, null, null, 2L, "seconds"));
	}

	@Test
	void eachDayHasTheFactsOfThatDayAndTheExceptionsOpenAtItsEnd() {
		var days = compute(Dimension.DAY);

		var fifth = days.get("2030-03-05");
		// S1 (-2h) and S4 (-4h) delivered that day
		assertThat(fifth.get("onTimeDeliveryRate")).isEqualTo(Kpi.rate(2, 2));
		assertThat(fifth.get("deliveredMinusPromisedHoursMean").value()).isEqualTo(-3.0);
		assertThat(fifth.get("deliveredMinusPromisedHoursP50").value()).isEqualTo(-4.0);
		assertThat(fifth.get("deliveredMinusPromisedHoursP90").value()).isEqualTo(-2.0);
		// E2 raised, no shipment registered that day: no rate
		assertThat(fifth.get("exceptionsPer100Shipments")).isEqualTo(new Kpi(null, 1L, 0L, null, "count"));
		// E1, E2, E4, E5 open at midnight
		assertThat(fifth.get("openExceptions")).isEqualTo(Kpi.count(4));
		assertThat(fifth.get("exceptionResolutionSecondsMean")).isEqualTo(new Kpi(null, null, null, 0L, "seconds"));

		var fourth = days.get("2030-03-04");
		assertThat(fourth.get("exceptionsPer100Shipments")).isEqualTo(new Kpi(null, 2L, 0L, null, "count"));
		assertThat(fourth.get("exceptionResolutionSecondsP50").value()).isEqualTo(3600.0);
		assertThat(fourth.get("openExceptions")).isEqualTo(Kpi.count(3)); // E1, E4, E5

		var second = days.get("2030-03-02");
		assertThat(second.get("exceptionsPer100Shipments")).isEqualTo(new Kpi(0.0, 0L, 2L, null, "count"));
		assertThat(second.get("onTimeDeliveryRate")).isEqualTo(new Kpi(null, 0L, 0L, null, "ratio"));

		// a day with only open exceptions (E2, E4, E5) is there; every day of March is
		assertThat(days.get("2030-03-20").get("openExceptions")).isEqualTo(Kpi.count(3));
		assertThat(days).hasSize(31);
	}

	@Test
	void carriersAndChannelsSplitTheFacts() {
		var carriers = compute(Dimension.CARRIER);
		assertThat(carriers).containsOnlyKeys("dhl", "ups");
		assertThat(carriers.get("dhl").get("onTimeDeliveryRate")).isEqualTo(Kpi.rate(1, 2));
		assertThat(carriers.get("dhl").get("deliveredMinusPromisedHoursMean").value()).isEqualTo(9.0);
		assertThat(carriers.get("dhl").get("exceptionsPer100Shipments").value()).isEqualTo(200.0 / 3);
		assertThat(carriers.get("dhl").get("openExceptions")).isEqualTo(Kpi.count(2)); // E2, E5
		assertThat(carriers.get("ups").get("onTimeDeliveryRate")).isEqualTo(Kpi.rate(2, 2));
		assertThat(carriers.get("ups").get("exceptionsPer100Shipments")).isEqualTo(new Kpi(100.0, 1L, 1L, null, "count"));
		assertThat(carriers.get("ups").get("openExceptions")).isEqualTo(Kpi.count(1)); // E4
		assertThat(carriers.get("ups").get("exceptionResolutionSecondsP90").value()).isEqualTo(3600.0);

		var channels = compute(Dimension.CHANNEL);
		assertThat(channels).containsOnlyKeys("WEB", "MARKETPLACE");
		// S1, S2, S6 delivered with a promise, S1 and S6 on time
		assertThat(channels.get("WEB").get("onTimeDeliveryRate")).isEqualTo(Kpi.rate(2, 3));
		// E1 via S2; E2 and E3 via S3, S4 are MARKETPLACE
		assertThat(channels.get("WEB").get("exceptionsPer100Shipments")).isEqualTo(new Kpi(50.0, 1L, 2L, null, "count"));
		assertThat(channels.get("MARKETPLACE").get("exceptionsPer100Shipments"))
			.isEqualTo(new Kpi(100.0, 2L, 2L, null, "count"));
		// E4's shipment is unknown: left out of the channel split; E5 via S1
		assertThat(channels.get("WEB").get("openExceptions")).isEqualTo(Kpi.count(1));
		assertThat(channels.get("MARKETPLACE").get("openExceptions")).isEqualTo(Kpi.count(1));
	}

	@Test
	void kindsSplitTheExceptionKpisOnlyAgainstEveryShipmentRegistered() {
		var kinds = compute(Dimension.KIND);

		assertThat(kinds).containsOnlyKeys("LATE", "STALLED", "CARRIER_EXCEPTION");
		// shipments have no kind: no delivery KPIs in the split
		kinds.values()
			.forEach(kpis -> assertThat(kpis).containsOnlyKeys("exceptionsPer100Shipments", "openExceptions",
					"exceptionResolutionSecondsMean", "exceptionResolutionSecondsP50", "exceptionResolutionSecondsP90"));
		// E1, E3 raised in March of the 4 shipments S1–S4 registered in March
		assertThat(kinds.get("LATE").get("exceptionsPer100Shipments")).isEqualTo(new Kpi(50.0, 2L, 4L, null, "count"));
		assertThat(kinds.get("LATE").get("openExceptions")).isEqualTo(Kpi.count(0));
		assertThat(kinds.get("LATE").get("exceptionResolutionSecondsMean"))
			.isEqualTo(new Kpi(88200.0, null, null, 2L, "seconds"));
		assertThat(kinds.get("LATE").get("exceptionResolutionSecondsP90").value()).isEqualTo(172800.0);
		// E2 raised in March, open with E5 at its end; E5 resolved in April
		assertThat(kinds.get("STALLED").get("exceptionsPer100Shipments")).isEqualTo(new Kpi(25.0, 1L, 4L, null, "count"));
		assertThat(kinds.get("STALLED").get("openExceptions")).isEqualTo(Kpi.count(2));
		assertThat(kinds.get("STALLED").get("exceptionResolutionSecondsP50"))
			.isEqualTo(new Kpi(null, null, null, 0L, "seconds"));
		// E4 raised in February, open only
		assertThat(kinds.get("CARRIER_EXCEPTION").get("exceptionsPer100Shipments"))
			.isEqualTo(new Kpi(0.0, 0L, 4L, null, "count"));
		assertThat(kinds.get("CARRIER_EXCEPTION").get("openExceptions")).isEqualTo(Kpi.count(1));

		// the kinds add up to the total
		var total = compute(Dimension.TOTAL).get(Dimension.ALL);
		assertThat(kinds.values().stream().mapToLong(kpis -> kpis.get("openExceptions").count()).sum())
			.isEqualTo(total.get("openExceptions").count());
		assertThat(kinds.values().stream().mapToLong(kpis -> kpis.get("exceptionsPer100Shipments").numerator()).sum())
			.isEqualTo(total.get("exceptionsPer100Shipments").numerator());
	}

	@Test
	void anExceptionWithoutKindIsLeftOutOfTheKindSplit() {
		var unknown = new ExceptionFact("e9", "s1", "dhl", null, Instant.parse("2030-03-04T12:00:00Z"), null, null);

		var kinds = DeliveryKpis.compute(SHIPMENTS, SHIPMENTS, List.of(unknown), BY_ID, FROM, TO, Dimension.KIND, ZONE);

		assertThat(kinds).isEmpty();
	}

	@Test
	void withoutFactsTheTotalHasEveryKpiWithoutValueAndNoOtherGroup() {
		var total = DeliveryKpis.compute(List.of(), List.of(), List.of(), Map.of(), FROM, TO, Dimension.TOTAL, ZONE);
		assertThat(total).containsOnlyKeys(Dimension.ALL);
		assertThat(total.get(Dimension.ALL)).containsOnlyKeys("onTimeDeliveryRate", "deliveredMinusPromisedHoursMean",
				"deliveredMinusPromisedHoursP50", "deliveredMinusPromisedHoursP90", "exceptionsPer100Shipments",
				"openExceptions", "exceptionResolutionSecondsMean", "exceptionResolutionSecondsP50",
				"exceptionResolutionSecondsP90");
		total.get(Dimension.ALL).forEach((name, kpi) -> {
			if (!name.equals("openExceptions")) {
				assertThat(kpi.value()).as(name).isNull();
			}
		});
		assertThat(total.get(Dimension.ALL).get("openExceptions")).isEqualTo(Kpi.count(0));
		assertThat(DeliveryKpis.compute(List.of(), List.of(), List.of(), Map.of(), FROM, TO, Dimension.CARRIER, ZONE))
			.isEmpty();
		assertThat(DeliveryKpis.compute(List.of(), List.of(), List.of(), Map.of(), FROM, TO, Dimension.KIND, ZONE))
			.isEmpty();
	}

	@Test
	void percentilesAreNearestRank() {
		var values = List.of(15.0, 20.0, 35.0, 40.0, 50.0);
		assertThat(Kpi.percentile(values, 50)).isEqualTo(35.0); // rank 3
		assertThat(Kpi.percentile(values, 90)).isEqualTo(50.0); // rank ceil(4.5) = 5
		assertThat(Kpi.percentile(List.of(7.0, 1.0), 50)).isEqualTo(1.0); // rank 1 of 1, 7
		assertThat(Kpi.percentile(List.of(7.0), 90)).isEqualTo(7.0);
		assertThat(Kpi.percentile(List.of(), 50)).isNull();
		var hundred = new java.util.ArrayList<Double>();
		for (int i = 100; i >= 1; i--) {
			hundred.add((double) i);
		}
		assertThat(Kpi.percentile(hundred, 90)).isEqualTo(90.0);
	}

	private static Map<String, Map<String, Kpi>> compute(Dimension dimension) {
		return DeliveryKpis.compute(SHIPMENTS, SHIPMENTS, EXCEPTIONS, BY_ID, FROM, TO, dimension, ZONE);
	}

	private static ShipmentFact shipment(String id, String carrier, String channel, String registeredAt,
			String promisedBy, String deliveredAt) {
		return new ShipmentFact(id, "ord_" + id, carrier, channel, Instant.parse(registeredAt), instant(promisedBy),
				instant(deliveredAt));
	}

	private static ExceptionFact exception(String id, String shipmentId, String carrier, String kind, String raisedAt,
			String resolvedAt, Long openSeconds) {
		return new ExceptionFact(id, shipmentId, carrier, kind, Instant.parse(raisedAt), instant(resolvedAt),
				openSeconds);
	}

	private static Instant instant(String text) {
		return text == null ? null : Instant.parse(text);
	}

}
