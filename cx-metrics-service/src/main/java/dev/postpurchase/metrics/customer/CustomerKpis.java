package dev.postpurchase.metrics.customer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/**
 * The customer KPIs over a period, compared with the period of the same length just before it,
 * computed from facts alone (no IO), so every number can be recomputed by hand. An order counts in the
 * period it was placed in; a customer is the key (or alias) its orders share.
 *
 * <p>The total compares {@code [from, to)} with {@code [from - (to - from), from)}; each day with the
 * day before (in the store's time zone); each sales channel compares that channel's orders only, so a
 * customer who ordered through the web shop and then the marketplace has churned from the web shop.
 */
final class CustomerKpis {

	static final String RETENTION = "retentionRate";

	static final String CHURN = "churnRate";

	static final String REPEAT_PURCHASE = "repeatPurchaseRate";

	static final String AVERAGE_ORDER_VALUE = "averageOrderValue";

	static final String PURCHASE_FREQUENCY = "purchaseFrequency";

	static final String EXPECTED_LIFESPAN = "expectedLifespan";

	static final String LIFETIME_VALUE = "customerLifetimeValue";

	private CustomerKpis() {
	}

	/**
	 * @param orders orders placed in the range and in the period before it (see {@link #readFrom}); others
	 *     are ignored
	 * @param currency the reporting currency: only orders in it count in the average order value and the
	 *     lifetime value
	 * @return group → KPI name → value; with {@link Dimension#TOTAL} always the group {@link Dimension#ALL}
	 *         with every KPI, values {@code null} when there is nothing to compute them from; with
	 *         {@link Dimension#DAY} every day of the range with an order on it or on the day before; with
	 *         {@link Dimension#CHANNEL} every channel with an order in the range or the period before;
	 *         nothing for {@link Dimension#CARRIER} and {@link Dimension#KIND}
	 */
	static Map<String, Map<String, Kpi>> compute(Collection<CustomerOrder> orders, Instant from, Instant to,
			Dimension dimension, ZoneId zone, String currency) {
		var result = new TreeMap<String, Map<String, Kpi>>();
		var before = from.minus(Duration.between(from, to));
		switch (dimension) {
			case TOTAL -> result.put(Dimension.ALL,
					kpis(between(orders, from, to), between(orders, before, from), currency));
			case CHANNEL -> {
				var byChannel = new HashMap<String, List<CustomerOrder>>();
				for (var order : orders) {
					if (order.salesChannel() != null && Dimension.within(order.placedAt(), before, to)) {
						byChannel.computeIfAbsent(order.salesChannel(), any -> new ArrayList<>()).add(order);
					}
				}
				byChannel.forEach((channel, its) -> result.put(channel,
						kpis(between(its, from, to), between(its, before, from), currency)));
			}
			case DAY -> {
				var byDay = new HashMap<LocalDate, List<CustomerOrder>>();
				for (var order : orders) {
					if (order.placedAt() != null) {
						byDay.computeIfAbsent(LocalDate.ofInstant(order.placedAt(), zone), any -> new ArrayList<>())
							.add(order);
					}
				}
				var last = LocalDate.ofInstant(to.minusNanos(1), zone);
				for (var day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
					var current = byDay.getOrDefault(day, List.of());
					var previous = byDay.getOrDefault(day.minusDays(1), List.of());
					if (!current.isEmpty() || !previous.isEmpty()) {
						result.put(day.toString(), kpis(current, previous, currency));
					}
				}
			}
			case CARRIER, KIND -> {
				// orders have no carrier nor exception kind: customer KPIs are not in those splits
			}
		}
		return result;
	}

	/**
	 * The first time whose orders {@link #compute} needs: the start of the period before the range, and
	 * for {@link Dimension#DAY} the start of the day before the range's first day.
	 */
	static Instant readFrom(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.DAY) {
			return LocalDate.ofInstant(from, zone).minusDays(1).atStartOfDay(zone).toInstant();
		}
		return from.minus(Duration.between(from, to));
	}

	/** The KPIs of one period's orders against the period before's. */
	private static Map<String, Kpi> kpis(List<CustomerOrder> current, List<CustomerOrder> previous, String currency) {
		var ordersOf = new HashMap<String, Integer>();
		var sum = BigDecimal.ZERO;
		long valued = 0;
		for (var order : current) {
			ordersOf.merge(order.customer(), 1, Integer::sum);
			if (currency.equals(order.currency()) && order.total() != null) {
				sum = sum.add(order.total());
				valued++;
			}
		}
		var before = new HashSet<String>();
		previous.forEach(order -> before.add(order.customer()));
		long retained = before.stream().filter(ordersOf::containsKey).count();
		long churned = before.size() - retained;
		long customers = ordersOf.size();
		long repeaters = ordersOf.values().stream().filter(count -> count >= 2).count();
		long orders = current.size();

		var kpis = new HashMap<String, Kpi>();
		kpis.put(RETENTION, Kpi.rate(retained, before.size()));
		kpis.put(CHURN, Kpi.rate(churned, before.size()));
		kpis.put(REPEAT_PURCHASE, Kpi.rate(repeaters, customers));
		kpis.put(AVERAGE_ORDER_VALUE, Kpi.of(valued == 0 ? null : divide(sum, valued), valued, currency));
		kpis.put(PURCHASE_FREQUENCY,
				new Kpi(customers == 0 ? null : (double) orders / customers, orders, customers, null, "count"));
		kpis.put(EXPECTED_LIFESPAN,
				new Kpi(churned == 0 ? null : (double) before.size() / churned, (long) before.size(), churned, null,
						"periods"));
		// (sum / valued) × (orders / customers) × (before / churned), divided once so no rounding adds up
		Double lifetimeValue = valued == 0 || customers == 0 || churned == 0 ? null
				: divide(sum.multiply(BigDecimal.valueOf(orders)).multiply(BigDecimal.valueOf(before.size())),
						valued * customers * churned);
		kpis.put(LIFETIME_VALUE, new Kpi(lifetimeValue, null, null, null, currency));
		return kpis;
	}

	private static double divide(BigDecimal dividend, long divisor) {
		return dividend.divide(BigDecimal.valueOf(divisor), MathContext.DECIMAL64).doubleValue();
	}

	private static List<CustomerOrder> between(Collection<CustomerOrder> orders, Instant from, Instant to) {
		return orders.stream().filter(order -> Dimension.within(order.placedAt(), from, to)).toList();
	}

}
