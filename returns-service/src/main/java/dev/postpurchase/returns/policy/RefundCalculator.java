package dev.postpurchase.returns.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.contracts.returns.ReturnReceived.Condition;
import dev.postpurchase.contracts.returns.ReturnReceived.InspectedLine;
import dev.postpurchase.returns.order.MinorUnits;
import dev.postpurchase.returns.order.OrderFacts;

/**
 * How much a return refunds, and whether a request is small enough to approve without an agent.
 * Pure: nothing is read or written.
 *
 * <p>Rules, in minor units of the order's currency:
 * <ul>
 * <li>Only lines inspected {@code OK} are refunded. {@code DAMAGED} means damaged by the customer
 * (damage in transit to the customer is the return reason DAMAGED, and such items are inspected OK);
 * {@code MISSING} did not come back.</li>
 * <li>An item is refunded at its unit price as paid; a sku on several lines of the order at the lowest
 * of their prices. At most the quantity bought is refunded per sku; skus not in the order refund
 * nothing (the request was checked by {@link Eligibility} before).</li>
 * <li>For CHANGED_MIND the restocking fee ({@link ReturnPolicy#restockingFeePercentFor} of the items'
 * value, rounded half up to the minor unit) is kept.</li>
 * <li>The order's shipping is added when the reason is one of
 * {@link ReturnPolicy#refundShippingFor()}, it was not refunded by an earlier return of the order, and
 * at least one item is refunded.</li>
 * </ul>
 */
@Component
public class RefundCalculator {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final ReturnPolicy policy;

	public RefundCalculator(ReturnPolicy policy) {
		this.policy = policy;
	}

	/**
	 * The refund of a received return.
	 *
	 * @param lines what came back, each with its condition (under {@code AUTOMATIC} inspection: the
	 *        requested lines, all OK)
	 * @param shippingRefundedBefore whether an earlier refund of this order paid its shipping back
	 * @throws ArithmeticException when an amount does not fit a {@code long} (not a real order)
	 */
	public RefundBreakdown refund(OrderFacts facts, List<InspectedLine> lines, ReturnReason reason,
			boolean shippingRefundedBefore) {
		var okQuantities = new LinkedHashMap<String, Long>();
		for (var line : lines == null ? List.<InspectedLine>of() : lines) {
			if (line != null && line.condition() == Condition.OK && line.quantity() > 0) {
				okQuantities.merge(line.sku(), (long) line.quantity(), Long::sum);
			}
		}
		long items = 0;
		for (var entry : okQuantities.entrySet()) {
			var quantity = Math.min(entry.getValue(), facts.purchased(entry.getKey()));
			items = Math.addExact(items, Math.multiplyExact(quantity, unitPriceMinor(facts, entry.getKey())));
		}
		var fee = BigDecimal.valueOf(items)
			.multiply(policy.restockingFeePercentFor(reason))
			.divide(HUNDRED)
			.setScale(0, RoundingMode.HALF_UP)
			.longValueExact();
		var shipping = items > 0 && policy.refundsShippingFor(reason) && !shippingRefundedBefore ? facts.shippingMinor()
				: 0;
		var total = Math.max(0, Math.addExact(items - fee, shipping));
		return new RefundBreakdown(items, fee, shipping, total, facts.currency());
	}

	/**
	 * The value of requested items at the prices paid (the same prices {@link #refund} uses); lines
	 * with unknown skus or quantities below 1 count nothing.
	 */
	public long valueMinor(OrderFacts facts, List<RequestedLine> lines) {
		long value = 0;
		for (var line : lines == null ? List.<RequestedLine>of() : lines) {
			if (line != null && line.quantity() > 0 && !facts.linesOf(line.sku()).isEmpty()) {
				value = Math.addExact(value, Math.multiplyExact((long) line.quantity(), unitPriceMinor(facts, line.sku())));
			}
		}
		return value;
	}

	/**
	 * Whether a request may be approved without an agent: its value is at most
	 * {@link ReturnPolicy#autoApproveUpTo()} in the order's currency.
	 */
	public boolean autoApproves(OrderFacts facts, List<RequestedLine> lines) {
		var limitMinor = policy.autoApproveUpTo().movePointRight(MinorUnits.digits(facts.currency()));
		return BigDecimal.valueOf(valueMinor(facts, lines)).compareTo(limitMinor) <= 0;
	}

	private static long unitPriceMinor(OrderFacts facts, String sku) {
		return facts.linesOf(sku).stream().mapToLong(OrderFacts.Line::unitPriceMinor).min().orElse(0);
	}

}
