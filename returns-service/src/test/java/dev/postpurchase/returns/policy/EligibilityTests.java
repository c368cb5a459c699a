package dev.postpurchase.returns.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.returns.order.OrderFacts;
import dev.postpurchase.returns.order.OrderFacts.Line;

/** Which return requests the policy accepts, and why it refuses the others. */
class EligibilityTests {

	private static final Instant DELIVERED = Instant.parse("2026-03-01T10:00:00Z");

	private static final Instant SOON_AFTER = Instant.parse("2026-03-05T12:00:00Z");

	private static final Line COAT = new Line("COAT-M", "Rain coat", 1, 12995, "outerwear", false);

	private static final Line SOCKS = new Line("SOCKS-3P", "Wool socks", 3, 1495, "accessories", false);

	private static final Line FINAL = new Line("BELT-L", "Belt, sale", 1, 1995, "accessories", true);

	private final Eligibility eligibility = new Eligibility(ReturnPolicy.defaults());

	@Test
	void aDeliveredOrdersItemsCanBeReturnedWithinTheWindow() {
		assertThat(eligibility.check(facts(), List.of(new RequestedLine("COAT-M", 1), new RequestedLine("SOCKS-3P", 3)),
				Map.of(), SOON_AFTER)).isEmpty();
	}

	@Test
	void nothingOfACancelledOrderCanBeReturned() {
		var cancelled = new OrderFacts("ord_1", "cus_1", SalesChannel.WEB, "EUR", List.of(COAT, SOCKS, FINAL), 495, null,
				"Europe/Amsterdam", DELIVERED.minusSeconds(86_400), DELIVERED, true, Instant.parse("2026-03-02T09:00:00Z"),
				null);

		assertThat(eligibility.check(cancelled, List.of(new RequestedLine("COAT-M", 1)), Map.of(), SOON_AFTER))
			.containsExactly(new Violation(Violation.ORDER_CANCELLED, null,
					"The order was cancelled at 2026-03-02T09:00:00Z"));
	}

	@Test
	void anOrderNotDeliveredYetCannotBeReturnedAndHasNoWindow() {
		var undelivered = factsDelivered(null, "Europe/Amsterdam");

		assertThat(eligibility.check(undelivered, List.of(new RequestedLine("COAT-M", 1)), Map.of(),
				Instant.parse("2027-01-01T00:00:00Z")))
			.containsExactly(new Violation(Violation.NOT_DELIVERED, null, "No delivery of the order is known yet"));
		assertThat(eligibility.windowClosesAt(undelivered, "COAT-M")).isNull();
	}

	@Test
	void aRequestMustNameItems() {
		var none = new Violation(Violation.NO_ITEMS, null, "The request names no items");
		assertThat(eligibility.check(facts(), List.of(), Map.of(), SOON_AFTER)).containsExactly(none);
		assertThat(eligibility.check(facts(), null, Map.of(), SOON_AFTER)).containsExactly(none);
	}

	@Test
	void eachLineAsksForAtLeastOneItemAndTheOtherLinesAreStillChecked() {
		assertThat(eligibility.check(facts(),
				List.of(new RequestedLine("COAT-M", 0), new RequestedLine("SOCKS-3P", -2), new RequestedLine("NOPE", 1)),
				Map.of(), SOON_AFTER))
			.containsExactly(new Violation(Violation.BAD_QUANTITY, "COAT-M", "Quantity 0: at least 1 item per line"),
					new Violation(Violation.BAD_QUANTITY, "SOCKS-3P", "Quantity -2: at least 1 item per line"),
					new Violation(Violation.UNKNOWN_ITEM, "NOPE", "The order has no item NOPE"));
	}

	@Test
	void onlyItemsOfTheOrderCanBeReturned() {
		assertThat(eligibility.check(facts(), List.of(new RequestedLine("TV-55", 1), new RequestedLine(null, 1)),
				Map.of(), SOON_AFTER))
			.containsExactly(new Violation(Violation.UNKNOWN_ITEM, "TV-55", "The order has no item TV-55"),
					new Violation(Violation.UNKNOWN_ITEM, null, "A line names no item"));
	}

	@Test
	void finalSaleItemsCannotBeReturned() {
		assertThat(eligibility.check(facts(), List.of(new RequestedLine("BELT-L", 1), new RequestedLine("COAT-M", 1)),
				Map.of(), SOON_AFTER))
			.containsExactly(new Violation(Violation.FINAL_SALE, "BELT-L", "Item BELT-L was sold as final sale"));
	}

	@Test
	void atMostWhatWasBoughtAndNotYetReturned() {
		var tooMany = new Violation(Violation.QUANTITY_EXCEEDED, "SOCKS-3P",
				"Requested 3 of item SOCKS-3P: 3 bought, 1 already returned");

		assertThat(eligibility.check(facts(), List.of(new RequestedLine("SOCKS-3P", 2)), Map.of("SOCKS-3P", 1),
				SOON_AFTER)).isEmpty();
		assertThat(eligibility.check(facts(), List.of(new RequestedLine("SOCKS-3P", 3)), Map.of("SOCKS-3P", 1),
				SOON_AFTER)).containsExactly(tooMany);
		// two lines of one sku count together, and are reported once
		assertThat(eligibility.check(facts(), List.of(new RequestedLine("SOCKS-3P", 2), new RequestedLine("SOCKS-3P", 1)),
				Map.of("SOCKS-3P", 1), SOON_AFTER)).containsExactly(tooMany);
		assertThat(eligibility.check(facts(), List.of(new RequestedLine("COAT-M", 2)), null, SOON_AFTER))
			.containsExactly(new Violation(Violation.QUANTITY_EXCEEDED, "COAT-M",
					"Requested 2 of item COAT-M: 1 bought, 0 already returned"));
	}

	@Test
	void aSkuOnSeveralLinesCanBeReturnedAsOftenAsItWasBoughtOverAll() {
		var twice = new OrderFacts("ord_1", "cus_1", SalesChannel.WEB, "EUR",
				List.of(COAT, new Line("COAT-M", "Rain coat", 1, 9995, "outerwear", false)), 0, null, null, DELIVERED,
				DELIVERED, false, null, null);

		assertThat(eligibility.check(twice, List.of(new RequestedLine("COAT-M", 2)), Map.of(), SOON_AFTER)).isEmpty();
	}

	@Test
	void everyBrokenRuleIsReported() {
		var late = Instant.parse("2026-06-01T00:00:00Z");

		assertThat(eligibility.check(facts(), List.of(new RequestedLine("BELT-L", 2)), Map.of(), late))
			.extracting(Violation::rule)
			.containsExactly(Violation.FINAL_SALE, Violation.QUANTITY_EXCEEDED, Violation.RETURN_WINDOW_CLOSED);
	}

	/** The last day of the window ends at midnight where the customer lives. */
	@Nested
	class Window {

		// 23:30 in Amsterdam (CET, +01:00): delivered on 1 March there
		private final OrderFacts amsterdam = factsDelivered(Instant.parse("2026-03-01T22:30:00Z"), "Europe/Amsterdam");

		@Test
		void theLastDayCountsUntilItsEndInTheCustomersTimeZoneAcrossTheDaylightSavingChange() {
			// 30 days after 1 March: the last day is 31 March, in CEST (+02:00) since 29 March
			assertThat(eligibility.windowClosesAt(amsterdam, "COAT-M")).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
			// 23:59 local on 31 March
			assertThat(eligibility.check(amsterdam, List.of(new RequestedLine("COAT-M", 1)), Map.of(),
					Instant.parse("2026-03-31T21:59:00Z"))).isEmpty();
			assertThat(eligibility.check(amsterdam, List.of(new RequestedLine("COAT-M", 1)), Map.of(),
					Instant.parse("2026-03-31T21:59:59.999999999Z"))).isEmpty();
			// 00:00 local on 1 April
			assertThat(eligibility.check(amsterdam, List.of(new RequestedLine("COAT-M", 1)), Map.of(),
					Instant.parse("2026-03-31T22:00:00Z")))
				.containsExactly(new Violation(Violation.RETURN_WINDOW_CLOSED, "COAT-M",
						"Item COAT-M could be returned until the end of 2026-03-31 (Europe/Amsterdam), 30 days after its"
								+ " delivery on 2026-03-01; the window closed at 2026-03-31T22:00:00Z"));
		}

		@Test
		void theDeliveryDateIsTheCustomersDateNotUtcs() {
			// 00:30 on 2 March in Amsterdam, still 1 March in UTC
			var pastMidnight = factsDelivered(Instant.parse("2026-03-01T23:30:00Z"), "Europe/Amsterdam");

			assertThat(eligibility.windowClosesAt(pastMidnight, "COAT-M")).isEqualTo(Instant.parse("2026-04-01T22:00:00Z"));
		}

		@Test
		void withoutTheCustomersTimeZoneDaysAreCountedInUtc() {
			var unknownZone = factsDelivered(Instant.parse("2026-03-01T22:30:00Z"), null);

			assertThat(eligibility.windowClosesAt(unknownZone, "COAT-M")).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
			assertThat(eligibility.check(unknownZone, List.of(new RequestedLine("COAT-M", 1)), Map.of(),
					Instant.parse("2026-03-31T23:59:59.999Z"))).isEmpty();
			assertThat(eligibility.check(unknownZone, List.of(new RequestedLine("COAT-M", 1)), Map.of(),
					Instant.parse("2026-04-01T00:00:00Z")))
				.containsExactly(new Violation(Violation.RETURN_WINDOW_CLOSED, "COAT-M",
						"Item COAT-M could be returned until the end of 2026-03-31 (UTC), 30 days after its delivery on"
								+ " 2026-03-01; the window closed at 2026-04-01T00:00:00Z"));
		}

		@Test
		void aCategorysWindowOverridesTheChannelsWhichOverridesTheDefault() {
			var policy = new ReturnPolicy(30, Map.of(SalesChannel.MARKETPLACE, 14), Map.of("Outerwear", 60),
					BigDecimal.valueOf(150), BigDecimal.TEN, EnumSet.of(ReturnReason.DAMAGED),
					ReturnPolicy.Inspection.AUTOMATIC, "dhl");
			var byPolicy = new Eligibility(policy);
			var delivered = Instant.parse("2026-03-01T10:00:00Z");
			var marketplace = new OrderFacts("ord_1", "cus_1", SalesChannel.MARKETPLACE, "EUR", List.of(COAT, SOCKS), 0,
					null, null, delivered, delivered, false, null, null);
			var web = new OrderFacts("ord_2", "cus_1", SalesChannel.WEB, "EUR", List.of(COAT, SOCKS), 0, null, null,
					delivered, delivered, false, null, null);

			// outerwear (the category matches in any case): 60 days on every channel
			assertThat(byPolicy.windowClosesAt(marketplace, "COAT-M")).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
			assertThat(byPolicy.windowClosesAt(web, "COAT-M")).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
			// accessories: the marketplace's 14 days, else the default 30
			assertThat(byPolicy.windowClosesAt(marketplace, "SOCKS-3P")).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
			assertThat(byPolicy.windowClosesAt(web, "SOCKS-3P")).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
			assertThat(byPolicy.check(marketplace, List.of(new RequestedLine("COAT-M", 1), new RequestedLine("SOCKS-3P", 1)),
					Map.of(), Instant.parse("2026-03-20T00:00:00Z")))
				.extracting(Violation::rule, Violation::sku)
				.containsExactly(tuple(Violation.RETURN_WINDOW_CLOSED, "SOCKS-3P"));
		}

		@Test
		void aZeroDayWindowAllowsReturnsOnTheDeliveryDayOnly() {
			var sameDay = new Eligibility(new ReturnPolicy(0, null, null, BigDecimal.ZERO, BigDecimal.ZERO, null, null,
					"dhl"));

			assertThat(sameDay.windowClosesAt(amsterdam, "COAT-M")).isEqualTo(Instant.parse("2026-03-01T23:00:00Z"));
		}

	}

	@Test
	void thePreviewOffersExactlyWhatARequestMayAskFor() {
		var cancelled = new OrderFacts("ord_1", "cus_1", SalesChannel.WEB, "EUR", List.of(COAT, SOCKS, FINAL), 495, null,
				"Europe/Amsterdam", DELIVERED.minusSeconds(86_400), DELIVERED, true, null, null);
		var late = Instant.parse("2026-04-01T00:00:00+02:00");
		var situations = List.of(facts(), factsDelivered(null, "Europe/Amsterdam"), cancelled);
		var returnedBefore = List.<Map<String, Integer>>of(Map.of(), Map.of("SOCKS-3P", 1), Map.of("SOCKS-3P", 3, "COAT-M", 1));
		var checked = 0;
		for (var facts : situations) {
			for (var returned : returnedBefore) {
				for (var now : List.of(SOON_AFTER, late)) {
					for (var item : eligibility.returnable(facts, returned, now)) {
						var upTo = new RequestedLine(item.sku(), item.returnable());
						var oneMore = new RequestedLine(item.sku(), item.returnable() + 1);
						if (item.eligible()) {
							assertThat(item.returnable()).isPositive();
							assertThat(eligibility.check(facts, List.of(upTo), returned, now)).isEmpty();
						}
						assertThat(eligibility.check(facts, List.of(oneMore), returned, now)).isNotEmpty();
						checked++;
					}
				}
			}
		}
		assertThat(checked).isEqualTo(situations.size() * returnedBefore.size() * 2 * 3);
	}

	@Test
	void thePreviewNamesEveryRuleThatKeepsAnItemBack() {
		var late = Instant.parse("2026-04-01T00:00:00+02:00");

		assertThat(eligibility.returnable(facts(), Map.of("SOCKS-3P", 1), SOON_AFTER))
			.extracting(Returnable::sku, Returnable::returnable, Returnable::returned, Returnable::lastDay)
			.containsExactly(tuple("COAT-M", 1, 0, java.time.LocalDate.of(2026, 3, 31)),
					tuple("SOCKS-3P", 2, 1, java.time.LocalDate.of(2026, 3, 31)),
					tuple("BELT-L", 0, 0, java.time.LocalDate.of(2026, 3, 31)));
		assertThat(eligibility.returnable(facts(), Map.of("SOCKS-3P", 3), late))
			.extracting(item -> item.blockedBy().stream().map(Violation::rule).toList())
			.containsExactly(List.of(Violation.RETURN_WINDOW_CLOSED),
					List.of(Violation.RETURN_WINDOW_CLOSED, Violation.ALREADY_RETURNED),
					List.of(Violation.FINAL_SALE, Violation.RETURN_WINDOW_CLOSED));
		assertThat(eligibility.returnable(factsDelivered(null, null), Map.of(), SOON_AFTER))
			.allSatisfy(item -> {
				assertThat(item.blockedBy()).extracting(Violation::rule).startsWith(Violation.NOT_DELIVERED);
				assertThat(item.lastDay()).isNull();
			});
	}

	private static OrderFacts facts() {
		return factsDelivered(DELIVERED, "Europe/Amsterdam");
	}

	private static OrderFacts factsDelivered(Instant deliveredAt, String timeZone) {
		return new OrderFacts("ord_1", "cus_1", SalesChannel.WEB, "EUR", List.of(COAT, SOCKS, FINAL), 495, null,
				timeZone, Instant.parse("2026-02-27T10:00:00Z"), deliveredAt, false, null, null);
	}

}
