package dev.postpurchase.returns.request.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.returns.policy.Returnable;
import dev.postpurchase.returns.policy.ReturnPolicy;
import dev.postpurchase.returns.request.ReturnableOrder;

/**
 * What the customer's return page shows of an order: the items that can be returned, with how many
 * and what for, and the items that cannot, with why. Items are named by {@code sku}, as a request's
 * {@code lines} name them, so the page posts a choice back as it is. Nothing personal: product names,
 * quantities and dates only.
 *
 * @param eligible the items a request may name, each at most {@code maxQuantity} times
 * @param ineligible the items it may not, each with every rule that keeps it back
 * @param reasons the reasons a request may give, with what each means for the refund
 * @param links the customer's way back to the order: a TRACKING link token for it, so the return pages
 *     can link to the tracking page without the customer having to find the first email again
 */
record ReturnableView(String orderId, List<Eligible> eligible, List<Ineligible> ineligible,
		List<ReasonOption> reasons, Links links) {

	/** Link tokens for the order's other customer pages. */
	record Links(String trackingToken) {

	}

	/**
	 * An item that can be returned.
	 *
	 * @param maxQuantity the most a request's line may ask for ({@code purchased - returned})
	 * @param returned returned or on its way back by earlier requests
	 * @param lastDay the last day, in the customer's time zone
	 * @param windowClosesAt the instant the window closes (the start of the day after {@code lastDay})
	 */
	record Eligible(String sku, String name, int maxQuantity, int purchased, int returned, LocalDate lastDay,
			Instant windowClosesAt, Set<ReturnOutcome> outcomes, Set<ReturnMethod> methods) {

	}

	/** An item that cannot be returned, and every rule why (for example FINAL_SALE, NOT_DELIVERED). */
	record Ineligible(String sku, String name, int purchased, int returned, List<Blocker> blockedBy) {

	}

	/** A rule of the policy (see {@code Violation}) and what it means for this item. */
	record Blocker(String rule, String detail) {

	}

	/**
	 * @param restockingFeePercent kept from the refund for this reason (0 for most)
	 * @param refundsShipping whether the order's shipping is refunded too (once per order)
	 */
	record ReasonOption(ReturnReason reason, BigDecimal restockingFeePercent, boolean refundsShipping) {

	}

	static ReturnableView of(ReturnableOrder returnable, ReturnPolicy policy, Links links) {
		var order = returnable.order();
		var eligible = returnable.items()
			.stream()
			.filter(Returnable::eligible)
			.map(item -> new Eligible(item.sku(), name(returnable, item.sku()), item.returnable(), item.purchased(),
					item.returned(), item.lastDay(), item.windowClosesAt(), policy.outcomes(), policy.methods()))
			.toList();
		var ineligible = returnable.items()
			.stream()
			.filter(item -> !item.eligible())
			.map(item -> new Ineligible(item.sku(), name(returnable, item.sku()), item.purchased(), item.returned(),
					item.blockedBy().stream().map(rule -> new Blocker(rule.rule(), rule.detail())).toList()))
			.toList();
		var reasons = Arrays.stream(ReturnReason.values())
			.map(reason -> new ReasonOption(reason, policy.restockingFeePercentFor(reason),
					policy.refundsShippingFor(reason)))
			.toList();
		return new ReturnableView(order.orderId(), eligible, ineligible, reasons, links);
	}

	/** The product name of the sku's first line, as a return records it. */
	private static String name(ReturnableOrder returnable, String sku) {
		return returnable.order().linesOf(sku).get(0).name();
	}

}
