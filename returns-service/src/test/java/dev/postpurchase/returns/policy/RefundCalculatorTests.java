package dev.postpurchase.returns.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.contracts.returns.ReturnReceived.Condition;
import dev.postpurchase.contracts.returns.ReturnReceived.InspectedLine;
import dev.postpurchase.returns.order.OrderFacts;
import dev.postpurchase.returns.order.OrderFacts.Line;

/** What a return refunds, and which requests are approved without an agent. */
class RefundCalculatorTests {

	private static final Instant PLACED = Instant.parse("2026-05-11T18:42:00Z");

	// 129.95 + 79.95 + 2 × 14.95 EUR, shipping 4.95 EUR
	private static final OrderFacts EURO_ORDER = new OrderFacts("ord_1", "cus_1", SalesChannel.WEB, "EUR",
			List.of(new Line("COAT-M", "Rain coat", 1, 12995, "outerwear", false),
					new Line("SNEAKER-42", "Sneaker", 1, 7995, "footwear", false),
					new Line("SOCKS-3P", "Wool socks", 2, 1495, "accessories", false)),
			495, null, "Europe/Amsterdam", PLACED, PLACED.plusSeconds(200_000), false, null, null);

	// 2 × 1,499 + 1,500 JPY, shipping 500 JPY
	private static final OrderFacts YEN_ORDER = new OrderFacts("ord_2", "cus_2", SalesChannel.WEB, "JPY",
			List.of(new Line("TEA-01", "Sencha", 2, 1499, "food", false),
					new Line("CUP-01", "Cup", 1, 1500, "kitchen", false)),
			500, null, "Asia/Tokyo", PLACED, PLACED.plusSeconds(200_000), false, null, null);

	private final RefundCalculator calculator = new RefundCalculator(ReturnPolicy.defaults());

	@Test
	void aPartialReturnRefundsTheReturnedItemsOnly() {
		var refund = calculator.refund(EURO_ORDER, List.of(ok("SNEAKER-42", 1), ok("SOCKS-3P", 1)),
				ReturnReason.DOES_NOT_FIT, false);

		assertThat(refund).isEqualTo(new RefundBreakdown(9490, 0, 0, 9490, "EUR"));
		assertThat(refund.total()).isEqualTo(new Money(new BigDecimal("94.90"), "EUR"));
		assertThat(refund.refundsShipping()).isFalse();
	}

	@Test
	void onlyLinesInspectedOkAreRefunded() {
		var refund = calculator.refund(EURO_ORDER,
				List.of(new InspectedLine("COAT-M", 1, Condition.DAMAGED), ok("SNEAKER-42", 1),
						new InspectedLine("SOCKS-3P", 2, Condition.MISSING)),
				ReturnReason.NOT_AS_DESCRIBED, false);

		assertThat(refund).isEqualTo(new RefundBreakdown(7995, 0, 0, 7995, "EUR"));
	}

	@Test
	void whenTheCustomerChangedTheirMindTheRestockingFeeIsKeptRoundedHalfUpToTheCent() {
		// 10 % of 79.95 = 7.995 -> 8.00
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("SNEAKER-42", 1)), ReturnReason.CHANGED_MIND, false))
			.isEqualTo(new RefundBreakdown(7995, 800, 0, 7195, "EUR"));
		// 10 % of 29.90 = 2.99
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("SOCKS-3P", 2)), ReturnReason.CHANGED_MIND, false))
			.isEqualTo(new RefundBreakdown(2990, 299, 0, 2691, "EUR"));
		// 12.5 % of 14.95 = 1.86875 -> 1.87; 12.5 % of 79.95 = 9.99375 -> 9.99
		var twelveAndAHalf = new RefundCalculator(policy(new BigDecimal("12.5"), BigDecimal.valueOf(150)));
		assertThat(twelveAndAHalf.refund(EURO_ORDER, List.of(ok("SOCKS-3P", 1)), ReturnReason.CHANGED_MIND, false)
			.feeMinor()).isEqualTo(187);
		assertThat(twelveAndAHalf.refund(EURO_ORDER, List.of(ok("SNEAKER-42", 1)), ReturnReason.CHANGED_MIND, false)
			.feeMinor()).isEqualTo(999);
	}

	@Test
	void noRestockingFeeForOtherReasons() {
		for (var reason : EnumSet.complementOf(EnumSet.of(ReturnReason.CHANGED_MIND))) {
			assertThat(calculator.refund(EURO_ORDER, List.of(ok("SNEAKER-42", 1)), reason, true).feeMinor())
				.as(reason.name())
				.isZero();
		}
	}

	@Test
	void shippingIsRefundedForDamagedOrWrongItemsOncePerOrder() {
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("SOCKS-3P", 1)), ReturnReason.DAMAGED, false))
			.isEqualTo(new RefundBreakdown(1495, 0, 495, 1990, "EUR"));
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("SOCKS-3P", 1)), ReturnReason.WRONG_ITEM, false)
			.refundsShipping()).isTrue();
		// a later return of the same order: shipping was paid back already
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("COAT-M", 1)), ReturnReason.DAMAGED, true))
			.isEqualTo(new RefundBreakdown(12995, 0, 0, 12995, "EUR"));
		// other reasons never pay shipping back
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("COAT-M", 1)), ReturnReason.ARRIVED_LATE, false)
			.shippingMinor()).isZero();
	}

	@Test
	void nothingComesBackInOrderNothingIsRefundedNotEvenShipping() {
		assertThat(calculator.refund(EURO_ORDER, List.of(new InspectedLine("COAT-M", 1, Condition.MISSING)),
				ReturnReason.DAMAGED, false))
			.isEqualTo(new RefundBreakdown(0, 0, 0, 0, "EUR"));
		assertThat(calculator.refund(EURO_ORDER, List.of(), ReturnReason.CHANGED_MIND, false))
			.isEqualTo(new RefundBreakdown(0, 0, 0, 0, "EUR"));
	}

	@Test
	void neverMoreThanWasBoughtAndNothingForItemsNotInTheOrder() {
		assertThat(calculator.refund(EURO_ORDER, List.of(ok("SOCKS-3P", 2), ok("SOCKS-3P", 3), ok("TV-55", 1)),
				ReturnReason.DOES_NOT_FIT, false))
			.isEqualTo(new RefundBreakdown(2990, 0, 0, 2990, "EUR"));
	}

	@Test
	void aSkuOnTwoLinesIsRefundedAtItsLowestPrice() {
		var twoPrices = new OrderFacts("ord_3", "cus_3", SalesChannel.WEB, "EUR",
				List.of(new Line("COAT-M", "Rain coat", 1, 12995, "outerwear", false),
						new Line("COAT-M", "Rain coat (sale)", 1, 9995, "outerwear", false)),
				0, null, null, PLACED, PLACED, false, null, null);

		assertThat(calculator.refund(twoPrices, List.of(ok("COAT-M", 2)), ReturnReason.DOES_NOT_FIT, false).totalMinor())
			.isEqualTo(19990);
	}

	@Test
	void yenHaveNoDecimals() {
		// 10 % of 1,499 = 149.9 -> 150 yen
		var refund = calculator.refund(YEN_ORDER, List.of(ok("TEA-01", 1)), ReturnReason.CHANGED_MIND, false);

		assertThat(refund).isEqualTo(new RefundBreakdown(1499, 150, 0, 1349, "JPY"));
		assertThat(refund.total()).isEqualTo(new Money(new BigDecimal("1349"), "JPY"));
		assertThat(calculator.refund(YEN_ORDER, List.of(ok("TEA-01", 2), ok("CUP-01", 1)), ReturnReason.WRONG_ITEM, false))
			.isEqualTo(new RefundBreakdown(4498, 0, 500, 4998, "JPY"));
	}

	@Test
	void requestsUpToTheLimitAreApprovedWithoutAnAgent() {
		// the limit is 150 in the order's currency: 150.00 EUR
		assertThat(calculator.valueMinor(EURO_ORDER, List.of(new RequestedLine("COAT-M", 1), new RequestedLine("SOCKS-3P", 1))))
			.isEqualTo(14490);
		assertThat(calculator.autoApproves(EURO_ORDER,
				List.of(new RequestedLine("COAT-M", 1), new RequestedLine("SOCKS-3P", 1)))).isTrue();
		assertThat(calculator.autoApproves(EURO_ORDER,
				List.of(new RequestedLine("COAT-M", 1), new RequestedLine("SOCKS-3P", 2)))).isFalse();

		var exactly = new OrderFacts("ord_4", "cus_4", SalesChannel.WEB, "EUR",
				List.of(new Line("BAG", "Bag", 2, 7500, "bags", false)), 0, null, null, PLACED, PLACED, false, null, null);
		assertThat(calculator.autoApproves(exactly, List.of(new RequestedLine("BAG", 2)))).isTrue();
		assertThat(new RefundCalculator(policy(BigDecimal.TEN, new BigDecimal("149.99"))).autoApproves(exactly,
				List.of(new RequestedLine("BAG", 2)))).isFalse();
	}

	@Test
	void theLimitIsInTheOrdersOwnCurrency() {
		// 150 yen: a single cup of 1,500 JPY waits for an agent
		assertThat(calculator.autoApproves(YEN_ORDER, List.of(new RequestedLine("CUP-01", 1)))).isFalse();
		assertThat(new RefundCalculator(policy(BigDecimal.TEN, BigDecimal.valueOf(20_000))).autoApproves(YEN_ORDER,
				List.of(new RequestedLine("TEA-01", 2), new RequestedLine("CUP-01", 1)))).isTrue();
	}

	@Test
	void unknownItemsAndBadQuantitiesAddNothingToARequestsValue() {
		assertThat(calculator.valueMinor(EURO_ORDER,
				List.of(new RequestedLine("TV-55", 1), new RequestedLine("COAT-M", 0), new RequestedLine("SOCKS-3P", 1))))
			.isEqualTo(1495);
	}

	private static InspectedLine ok(String sku, int quantity) {
		return new InspectedLine(sku, quantity, Condition.OK);
	}

	private static ReturnPolicy policy(BigDecimal feePercent, BigDecimal autoApproveUpTo) {
		return new ReturnPolicy(30, Map.of(), Map.of(), autoApproveUpTo, feePercent,
				EnumSet.of(ReturnReason.DAMAGED, ReturnReason.WRONG_ITEM), ReturnPolicy.Inspection.AUTOMATIC, "dhl");
	}

}
