package dev.postpurchase.pages.returns;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * What of an order can be returned, as returns-service's customer API shows it. The rules' English
 * {@code detail} texts are deliberately not read: the page words every rule itself.
 *
 * @param eligible the items a request may name, each at most {@code maxQuantity} times
 * @param ineligible the items it may not, each with the rules that keep it back
 * @param reasons the reasons a request may give, with what each means for the refund
 * @param trackingToken a TRACKING link token for the order, the way back to its tracking page; may be null
 */
public record ReturnableOrder(String orderId, List<Eligible> eligible, List<Ineligible> ineligible,
		List<ReasonOption> reasons, String trackingToken) {

	/** The outcomes in the order the page offers them. */
	public static final List<String> OUTCOMES = List.of("REFUND", "STORE_CREDIT", "EXCHANGE");

	/** The methods in the order the page offers them. */
	public static final List<String> METHODS = List.of("MAIL_IN", "DROP_OFF", "IN_STORE");

	/**
	 * @param lastDay the last day to return it, in the customer's time zone; may be null
	 * @param outcomes what the customer may get for it ({@code REFUND}, ...), in {@link #OUTCOMES} order
	 * @param methods how it may come back ({@code MAIL_IN}, ...), in {@link #METHODS} order
	 */
	public record Eligible(String sku, String name, int maxQuantity, int purchased, int returned, LocalDate lastDay,
			List<String> outcomes, List<String> methods) {
	}

	/** @param rules why not: {@code FINAL_SALE}, {@code NOT_DELIVERED}, ... */
	public record Ineligible(String sku, String name, int purchased, int returned, List<String> rules) {
	}

	/**
	 * @param restockingFeePercent kept from the refund for this reason; zero for most
	 * @param refundsShipping whether the order's shipping is refunded too
	 */
	public record ReasonOption(String reason, BigDecimal restockingFeePercent, boolean refundsShipping) {
	}

	/** The outcomes every returnable item allows, in the page's order. */
	public List<String> commonOutcomes() {
		return common(OUTCOMES, Eligible::outcomes);
	}

	/** The methods every returnable item allows, in the page's order. */
	public List<String> commonMethods() {
		return common(METHODS, Eligible::methods);
	}

	private List<String> common(List<String> order, Function<Eligible, List<String>> offered) {
		if (eligible.isEmpty()) {
			return List.of();
		}
		var all = new ArrayList<>(offered.apply(eligible.get(0)));
		for (var item : eligible) {
			all.retainAll(offered.apply(item));
		}
		return all;
	}

	static ReturnableOrder read(JsonNode json) {
		return new ReturnableOrder(text(json.path("orderId")),
				list(json.path("eligible"), item -> new Eligible(text(item.path("sku")), text(item.path("name")),
						item.path("maxQuantity").asInt(0), item.path("purchased").asInt(0), item.path("returned").asInt(0),
						text(item.path("lastDay")) == null ? null : LocalDate.parse(text(item.path("lastDay"))),
						ordered(item.path("outcomes"), OUTCOMES), ordered(item.path("methods"), METHODS))),
				list(json.path("ineligible"), item -> new Ineligible(text(item.path("sku")), text(item.path("name")),
						item.path("purchased").asInt(0), item.path("returned").asInt(0),
						list(item.path("blockedBy"), blocker -> text(blocker.path("rule"))).stream()
							.filter(java.util.Objects::nonNull).toList())),
				list(json.path("reasons"), reason -> new ReasonOption(text(reason.path("reason")),
						reason.path("restockingFeePercent").isNumber() ? reason.path("restockingFeePercent").decimalValue()
								: BigDecimal.ZERO,
						reason.path("refundsShipping").asBoolean(false))).stream()
					.filter(option -> option.reason() != null).toList(),
				text(json.path("links").path("trackingToken")));
	}

	/** The codes of a JSON array (a set there), those the page knows first in its order. */
	private static List<String> ordered(JsonNode array, List<String> order) {
		return list(array, ReturnableOrder::text).stream()
			.filter(java.util.Objects::nonNull)
			.distinct()
			.sorted(Comparator.comparingInt(code -> order.contains(code) ? order.indexOf(code) : order.size()))
			.toList();
	}

	static <T> List<T> list(JsonNode array, Function<JsonNode, T> read) {
		var found = new ArrayList<T>();
		if (array.isArray()) {
			for (var element : array) {
				found.add(read.apply(element));
			}
		}
		return found;
	}

	static String text(JsonNode node) {
		return node.isString() && !node.asString().isBlank() ? node.asString() : null;
	}

}
