package dev.postpurchase.returns.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.returns.ReturnReason;

/**
 * The shop's return policy ({@code returns.policy.*} in {@code returns-service.yml}): how long items
 * can be returned, which returns an agent must look at, and what a refund holds back or adds.
 *
 * @param windowDays days after the delivery date an item can be returned (the whole last day
 *        counts, in the customer's time zone); 30 by default
 * @param channelWindowDays a different window for orders from a sales channel, for example
 *        {@code MARKETPLACE: 14}
 * @param categoryWindowDays a different window for items of a product category, for example
 *        {@code electronics: 14}; categories match case-insensitively. A category's window overrides
 *        the channel's, which overrides {@code windowDays}
 * @param autoApproveUpTo requests worth more than this, in the order's own currency (no conversion:
 *        150 means 150 EUR on a euro order and 150 JPY on a yen order), wait for an agent; 150 by
 *        default
 * @param restockingFeePercent kept from the refunded items' value when the customer changed their
 *        mind (CHANGED_MIND), 0 to 100; 10 by default
 * @param refundShippingFor the reasons for which the order's shipping is refunded too (once per
 *        order); DAMAGED and WRONG_ITEM by default
 * @param inspection how a received parcel is judged: AUTOMATIC (every line counts as OK) or MANUAL
 *        (the warehouse reports each line's condition); AUTOMATIC by default
 * @param labelCarrier the carrier return labels are made with; {@code dhl} by default
 */
@ConfigurationProperties("returns.policy")
public record ReturnPolicy(@DefaultValue("30") int windowDays, Map<SalesChannel, Integer> channelWindowDays,
		Map<String, Integer> categoryWindowDays, @DefaultValue("150") BigDecimal autoApproveUpTo,
		@DefaultValue("10") BigDecimal restockingFeePercent,
		@DefaultValue({ "DAMAGED", "WRONG_ITEM" }) Set<ReturnReason> refundShippingFor,
		@DefaultValue("AUTOMATIC") Inspection inspection, @DefaultValue("dhl") String labelCarrier) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** Rejects settings that make no sense, so a service with them does not start. */
	public ReturnPolicy {
		requireDays("returns.policy.window-days", windowDays);
		var channels = new EnumMap<SalesChannel, Integer>(SalesChannel.class);
		if (channelWindowDays != null) {
			channelWindowDays.forEach((channel, days) -> {
				requireDays("returns.policy.channel-window-days." + channel, days);
				channels.put(channel, days);
			});
		}
		// unmodifiable views rather than Map.copyOf, whose lookups of null throw
		channelWindowDays = Collections.unmodifiableMap(channels);
		var categories = new HashMap<String, Integer>();
		if (categoryWindowDays != null) {
			categoryWindowDays.forEach((category, days) -> {
				requireDays("returns.policy.category-window-days." + category, days);
				categories.put(category.toLowerCase(Locale.ROOT), days);
			});
		}
		categoryWindowDays = Collections.unmodifiableMap(categories);
		if (autoApproveUpTo == null || autoApproveUpTo.signum() < 0) {
			throw new IllegalArgumentException("returns.policy.auto-approve-up-to must be 0 or more");
		}
		if (restockingFeePercent == null || restockingFeePercent.signum() < 0
				|| restockingFeePercent.compareTo(HUNDRED) > 0) {
			throw new IllegalArgumentException("returns.policy.restocking-fee-percent must be between 0 and 100");
		}
		var reasons = EnumSet.noneOf(ReturnReason.class);
		if (refundShippingFor != null) {
			reasons.addAll(refundShippingFor);
		}
		refundShippingFor = Collections.unmodifiableSet(reasons);
		if (inspection == null) {
			inspection = Inspection.AUTOMATIC;
		}
		if (labelCarrier == null || labelCarrier.isBlank()) {
			throw new IllegalArgumentException("returns.policy.label-carrier must name a carrier");
		}
	}

	/** The policy with every default, as when nothing is configured. */
	public static ReturnPolicy defaults() {
		return new ReturnPolicy(30, Map.of(), Map.of(), BigDecimal.valueOf(150), BigDecimal.TEN,
				EnumSet.of(ReturnReason.DAMAGED, ReturnReason.WRONG_ITEM), Inspection.AUTOMATIC, "dhl");
	}

	/**
	 * The return window of an item, in days after its delivery date: its category's if configured,
	 * else its order's sales channel's, else {@link #windowDays()}.
	 *
	 * @param channel {@code null} when unknown
	 * @param category {@code null} when unknown
	 */
	public int windowDays(SalesChannel channel, String category) {
		if (category != null) {
			var days = categoryWindowDays.get(category.toLowerCase(Locale.ROOT));
			if (days != null) {
				return days;
			}
		}
		var days = channelWindowDays.get(channel);
		return days != null ? days : windowDays;
	}

	/**
	 * The share of the refunded items' value kept for returns with this reason: the restocking fee
	 * for CHANGED_MIND, nothing for the others.
	 */
	public BigDecimal restockingFeePercentFor(ReturnReason reason) {
		return reason == ReturnReason.CHANGED_MIND ? restockingFeePercent : BigDecimal.ZERO;
	}

	/**
	 * What a customer may ask for instead of a returnable item. The policy limits none today: every
	 * outcome, for every item. A limit belongs here, and in the check of a request
	 * ({@link Eligibility#check}), so the return page and the request agree.
	 */
	public Set<ReturnOutcome> outcomes() {
		return EnumSet.allOf(ReturnOutcome.class);
	}

	/** How a returnable item may come back: every method, for every item (see {@link #outcomes()}). */
	public Set<ReturnMethod> methods() {
		return EnumSet.allOf(ReturnMethod.class);
	}

	/** Whether the order's shipping is refunded for returns with this reason. */
	public boolean refundsShippingFor(ReturnReason reason) {
		return refundShippingFor.contains(reason);
	}

	private static void requireDays(String key, Integer days) {
		if (days == null || days < 0) {
			throw new IllegalArgumentException(key + " must be 0 or more days");
		}
	}

	/** How a received return parcel is judged. */
	public enum Inspection {

		/** Whatever arrives counts as OK: received means refundable. */
		AUTOMATIC,

		/** The warehouse reports each line as OK, DAMAGED or MISSING before anything is refunded. */
		MANUAL

	}

}
