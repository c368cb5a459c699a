package dev.postpurchase.returns.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.postpurchase.returns.order.OrderFacts;

/**
 * Whether the items of a return request may be returned under the {@link ReturnPolicy}. Pure: the
 * same facts, request and time give the same answer; nothing is read or written.
 *
 * <p><b>The return window</b> of an item is counted in calendar days in the customer's time zone
 * (UTC when unknown): it starts on the date the order was delivered there and ends at the end of the
 * day {@code n} days later, {@code n} being the item's window (its category's, else its channel's,
 * else the default: see {@link ReturnPolicy}). Delivered on 1 March, 30 days: the last
 * day is 31 March, requests are accepted until 31 March 23:59:59.999… local time and refused from
 * 1 April 00:00 local time, whatever the daylight saving time did in between.
 */
@Component
public class Eligibility {

	private final ReturnPolicy policy;

	public Eligibility(ReturnPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Every rule the request breaks; empty when it may be returned. Lines of the same sku count
	 * together; each rule is reported at most once per sku. Applies the same rules as
	 * {@link #returnable}: a request passes exactly when each of its skus is returnable and asks for at
	 * most {@link Returnable#returnable()} of it.
	 *
	 * @param alreadyReturned per sku, how many were returned (or are being returned) by earlier
	 *        requests of the order; {@code null} for none
	 * @param now when the request is made
	 */
	public List<Violation> check(OrderFacts facts, List<RequestedLine> lines, Map<String, Integer> alreadyReturned,
			Instant now) {
		var violations = new ArrayList<>(orderViolations(facts));
		if (lines == null || lines.isEmpty()) {
			violations.add(new Violation(Violation.NO_ITEMS, null, "The request names no items"));
			return violations;
		}
		var requested = new LinkedHashMap<String, Long>();
		for (var line : lines) {
			if (line == null || line.quantity() < 1) {
				violations.add(new Violation(Violation.BAD_QUANTITY, line == null ? null : line.sku(),
						"Quantity " + (line == null ? "missing" : line.quantity()) + ": at least 1 item per line"));
			}
			else {
				requested.merge(line.sku(), (long) line.quantity(), Long::sum);
			}
		}
		requested.forEach((sku, quantity) -> {
			if (sku == null || sku.isBlank() || facts.linesOf(sku).isEmpty()) {
				violations.add(new Violation(Violation.UNKNOWN_ITEM, sku,
						sku == null || sku.isBlank() ? "A line names no item" : "The order has no item " + sku));
				return;
			}
			finalSale(facts, sku).ifPresent(violations::add);
			var purchased = facts.purchased(sku);
			var returned = returned(alreadyReturned, sku);
			if (quantity > purchased - returned) {
				violations.add(new Violation(Violation.QUANTITY_EXCEEDED, sku, "Requested " + quantity + " of item " + sku
						+ ": " + purchased + " bought, " + returned + " already returned"));
			}
			windowClosed(facts, sku, now).ifPresent(violations::add);
		});
		return violations;
	}

	/**
	 * What of each item of the order can be returned now, and why not for the others, by the rules
	 * {@link #check} applies to a request: one entry per sku, in the order's line order. An item's
	 * blocking rules are all that apply: the order's (cancelled, not delivered), the item's (final
	 * sale, window closed) and {@link Violation#ALREADY_RETURNED} when nothing of it is left.
	 *
	 * @param alreadyReturned as for {@link #check}
	 */
	public List<Returnable> returnable(OrderFacts facts, Map<String, Integer> alreadyReturned, Instant now) {
		var order = orderViolations(facts);
		var items = new ArrayList<Returnable>();
		for (var sku : facts.lines().stream().map(OrderFacts.Line::sku).distinct().toList()) {
			var blockedBy = new ArrayList<>(order);
			finalSale(facts, sku).ifPresent(blockedBy::add);
			windowClosed(facts, sku, now).ifPresent(blockedBy::add);
			var purchased = facts.purchased(sku);
			var returned = Math.min(purchased, returned(alreadyReturned, sku));
			if (returned >= purchased) {
				blockedBy.add(new Violation(Violation.ALREADY_RETURNED, sku, "All " + purchased + " of item " + sku
						+ " bought are returned or on their way back already"));
			}
			var closesAt = windowClosesAt(facts, sku);
			items.add(new Returnable(sku, purchased, returned, blockedBy.isEmpty() ? purchased - returned : 0,
					closesAt == null ? null : lastDay(closesAt, facts.zone()), closesAt, blockedBy));
		}
		return items;
	}

	/** The rules that keep every item of the order from being returned. */
	private static List<Violation> orderViolations(OrderFacts facts) {
		var violations = new ArrayList<Violation>();
		if (facts.cancelled()) {
			violations.add(new Violation(Violation.ORDER_CANCELLED, null,
					facts.cancelledAt() == null ? "The order was cancelled"
							: "The order was cancelled at " + facts.cancelledAt()));
		}
		if (!facts.delivered()) {
			violations.add(new Violation(Violation.NOT_DELIVERED, null, "No delivery of the order is known yet"));
		}
		return violations;
	}

	private static Optional<Violation> finalSale(OrderFacts facts, String sku) {
		return facts.linesOf(sku).stream().anyMatch(OrderFacts.Line::finalSale)
				? Optional.of(new Violation(Violation.FINAL_SALE, sku, "Item " + sku + " was sold as final sale"))
				: Optional.empty();
	}

	private Optional<Violation> windowClosed(OrderFacts facts, String sku, Instant now) {
		var closesAt = windowClosesAt(facts, sku);
		if (closesAt == null || now.isBefore(closesAt)) {
			return Optional.empty();
		}
		var zone = facts.zone();
		return Optional.of(new Violation(Violation.RETURN_WINDOW_CLOSED, sku,
				"Item " + sku + " could be returned until the end of " + lastDay(closesAt, zone) + " (" + zone.getId()
						+ "), "
						+ windowDays(facts, sku) + " days after its delivery on "
						+ LocalDate.ofInstant(facts.deliveredAt(), zone) + "; the window closed at " + closesAt));
	}

	private static LocalDate lastDay(Instant closesAt, ZoneId zone) {
		return LocalDate.ofInstant(closesAt, zone).minusDays(1);
	}

	private static int returned(Map<String, Integer> alreadyReturned, String sku) {
		var returned = alreadyReturned == null ? null : alreadyReturned.get(sku);
		return returned == null ? 0 : Math.max(0, returned);
	}

	/**
	 * The first instant an item can no longer be returned: the start of the day after its last day,
	 * in the customer's time zone. {@code null} while the order is not delivered, or when it has no
	 * such item.
	 */
	public Instant windowClosesAt(OrderFacts facts, String sku) {
		if (!facts.delivered() || facts.linesOf(sku).isEmpty()) {
			return null;
		}
		var zone = facts.zone();
		var lastDay = LocalDate.ofInstant(facts.deliveredAt(), zone).plusDays(windowDays(facts, sku));
		// atStartOfDay, not LocalTime.MIDNIGHT: where a DST change skips midnight the day starts later
		return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
	}

	/** The longest window of the sku's lines (a sku on several lines normally has one category). */
	private int windowDays(OrderFacts facts, String sku) {
		return facts.linesOf(sku)
			.stream()
			.mapToInt(line -> policy.windowDays(facts.salesChannel(), line.category()))
			.max()
			.orElse(policy.windowDays(facts.salesChannel(), null));
	}

}
