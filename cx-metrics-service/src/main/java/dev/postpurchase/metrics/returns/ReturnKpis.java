package dev.postpurchase.metrics.returns;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/**
 * The returns KPIs over {@code [from, to)}, computed from facts alone (no IO), so every number can be
 * recomputed by hand. Each fact counts in the group of its own time: a request by its request time, a
 * delivery by its delivery time, a refund by its refund time.
 *
 * <p>{@code returnsByReason} is one KPI per reason that occurs, named {@code returns.<REASON>}; the
 * refunded amount one per currency, {@code refundedAmount.<CURRENCY>}. Percentiles are nearest-rank.
 */
final class ReturnKpis {

	static final String RETURN_RATE = "returnRate";

	static final String BY_REASON = "returns.";

	static final String REFUND_CYCLE = "refundCycleSeconds";

	static final String REFUNDED_AMOUNT = "refundedAmount.";

	private ReturnKpis() {
	}

	/**
	 * @param requested returns requested in the range (others are ignored)
	 * @param refunded returns refunded in the range (others are ignored)
	 * @param delivered orders delivered in the range (others are ignored)
	 * @param dimension {@link Dimension#CARRIER} and {@link Dimension#KIND} give no groups: returns have
	 *     no carrier nor exception kind
	 * @return group → KPI name → value; with {@link Dimension#TOTAL} always the group {@link Dimension#ALL}
	 *         with returnRate and the refund cycle KPIs, values {@code null} when there is nothing to
	 *         compute them from
	 */
	static Map<String, Map<String, Kpi>> compute(Collection<ReturnFact> requested, Collection<ReturnFact> refunded,
			Collection<DeliveredOrder> delivered, Instant from, Instant to, Dimension dimension, ZoneId zone) {
		var groups = new TreeMap<String, Tally>();
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Map.of();
		}
		Function<String, Tally> tally = key -> groups.computeIfAbsent(key, any -> new Tally());
		if (dimension == Dimension.TOTAL) {
			tally.apply(Dimension.ALL);
		}
		for (var order : delivered) {
			if (Dimension.within(order.deliveredAt(), from, to)) {
				dimension.group(order.deliveredAt(), zone, null, order.salesChannel(), null).map(tally)
					.ifPresent(group -> group.deliveredUnits += order.units() == null ? 0 : order.units());
			}
		}
		for (var request : requested) {
			if (Dimension.within(request.requestedAt(), from, to)) {
				dimension.group(request.requestedAt(), zone, null, request.salesChannel(), null).map(tally).ifPresent(group -> {
					if (request.rejectedAt() == null) {
						group.returnedUnits += request.units() == null ? 0 : request.units();
					}
					if (request.reason() != null) {
						group.byReason.merge(request.reason(), 1L, Long::sum);
					}
				});
			}
		}
		for (var refund : refunded) {
			if (Dimension.within(refund.refundedAt(), from, to)) {
				dimension.group(refund.refundedAt(), zone, null, refund.salesChannel(), null).map(tally).ifPresent(group -> {
					if (refund.receivedAt() != null) {
						group.cycleSeconds
							.add((double) Duration.between(refund.receivedAt(), refund.refundedAt()).toSeconds());
					}
					if (refund.refundAmountMinor() != null && refund.refundCurrency() != null) {
						group.amounts.computeIfAbsent(refund.refundCurrency(), any -> new long[2]);
						var sum = group.amounts.get(refund.refundCurrency());
						sum[0] += refund.refundAmountMinor();
						sum[1]++;
					}
				});
			}
		}
		var result = new TreeMap<String, Map<String, Kpi>>();
		groups.forEach((key, group) -> result.put(key, group.kpis()));
		return result;
	}

	/** What one group counted. */
	private static final class Tally {

		long deliveredUnits;

		long returnedUnits;

		final Map<String, Long> byReason = new TreeMap<>();

		final List<Double> cycleSeconds = new ArrayList<>();

		/** currency → {minor units, refunds} */
		final Map<String, long[]> amounts = new TreeMap<>();

		Map<String, Kpi> kpis() {
			var kpis = new HashMap<String, Kpi>();
			kpis.put(RETURN_RATE, Kpi.rate(returnedUnits, deliveredUnits));
			byReason.forEach((reason, count) -> kpis.put(BY_REASON + reason, Kpi.count(count)));
			var mean = cycleSeconds.stream().mapToDouble(Double::doubleValue).average();
			kpis.put(REFUND_CYCLE + "Mean",
					Kpi.of(mean.isPresent() ? mean.getAsDouble() : null, cycleSeconds.size(), "seconds"));
			kpis.put(REFUND_CYCLE + "P90", Kpi.of(Kpi.percentile(cycleSeconds, 90), cycleSeconds.size(), "seconds"));
			amounts.forEach((currency, sum) -> kpis.put(REFUNDED_AMOUNT + currency,
					Kpi.of(ReturnFacts.majorUnits(sum[0], currency), sum[1], currency)));
			return kpis;
		}

	}

}
