package dev.postpurchase.metrics.support;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/**
 * The support KPIs over {@code [from, to)}, computed from facts alone (no IO), so every number can be
 * recomputed by hand. A contact counts in the group of when it was logged, an order in that of when it
 * was placed; a contact about an order placed before the range still counts (contacts per order is a
 * ratio of two counts of the same period, not a share of those orders).
 */
final class SupportKpis {

	static final String FIRST_CONTACT_RESOLUTION = "firstContactResolutionRate";

	static final String CONTACTS_PER_ORDER = "contactsPerOrder";

	static final String WISMO = "wismoRate";

	private SupportKpis() {
	}

	/**
	 * @param contacts contacts logged in the range (others are ignored)
	 * @param placed orders placed in the range (others are ignored)
	 * @param ordersById the contacts' orders by id, for {@link Dimension#CHANNEL}; a contact whose order
	 *     (or its channel) is not known is left out of that split
	 * @return group → KPI name → value; with {@link Dimension#TOTAL} always the group {@link Dimension#ALL}
	 *         with every KPI, values {@code null} when there is nothing to compute them from; nothing for
	 *         {@link Dimension#CARRIER} and {@link Dimension#KIND}
	 */
	static Map<String, Map<String, Kpi>> compute(Collection<ContactFact> contacts, Collection<PlacedOrder> placed,
			Map<String, PlacedOrder> ordersById, Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Map.of();
		}
		var groups = new TreeMap<String, Tally>();
		Function<String, Tally> tally = key -> groups.computeIfAbsent(key, any -> new Tally());
		if (dimension == Dimension.TOTAL) {
			tally.apply(Dimension.ALL);
		}
		for (var contact : contacts) {
			if (Dimension.within(contact.at(), from, to)) {
				var order = contact.orderId() == null ? null : ordersById.get(contact.orderId());
				dimension.group(contact.at(), zone, null, order == null ? null : order.salesChannel(), null).map(tally)
					.ifPresent(group -> group.contact(contact));
			}
		}
		for (var order : placed) {
			if (Dimension.within(order.placedAt(), from, to)) {
				dimension.group(order.placedAt(), zone, null, order.salesChannel(), null).map(tally)
					.ifPresent(group -> group.orders++);
			}
		}
		var result = new TreeMap<String, Map<String, Kpi>>();
		groups.forEach((key, group) -> result.put(key, group.kpis()));
		return result;
	}

	/** What one group counted. */
	private static final class Tally {

		long contacts;

		long resolvedFirst;

		long wismo;

		long orders;

		void contact(ContactFact contact) {
			contacts++;
			if (contact.resolvedOnFirstContact()) {
				resolvedFirst++;
			}
			if ("WISMO".equals(contact.reason())) {
				wismo++;
			}
		}

		Map<String, Kpi> kpis() {
			var kpis = new HashMap<String, Kpi>();
			kpis.put(FIRST_CONTACT_RESOLUTION, Kpi.rate(resolvedFirst, contacts));
			kpis.put(CONTACTS_PER_ORDER,
					new Kpi(orders == 0 ? null : (double) contacts / orders, contacts, orders, null, "count"));
			kpis.put(WISMO, Kpi.rate(wismo, orders));
			return kpis;
		}

	}

}
