package dev.postpurchase.metrics.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/**
 * The delivery KPIs over {@code [from, to)}, computed from facts alone (no IO), so every number can be
 * recomputed by hand. Each fact counts in the group of its own time: a delivery by its delivery time,
 * a registration by its registration time, an exception by when it was raised or resolved.
 *
 * <p>Percentiles are nearest-rank: the {@code p}-th percentile of {@code n} sorted values is the
 * value at rank {@code ceil(p/100 × n)} (1-based), always one of the observed values.
 *
 * <p>{@code openExceptions} is a snapshot: the exceptions open at the end of the range (for a day:
 * at the end of that day), that is raised before it and not resolved before it.
 *
 * <p>The {@link Dimension#KIND} split has the exception KPIs only: shipments have no kind, so the
 * on-time rate and lateness are not in it, and each kind's {@code exceptionsPer100Shipments} divides
 * that kind's exceptions by every shipment registered in the range (the kinds add up to the total).
 */
final class DeliveryKpis {

	static final String ON_TIME = "onTimeDeliveryRate";

	static final String LATENESS = "deliveredMinusPromisedHours";

	static final String EXCEPTIONS_PER_100 = "exceptionsPer100Shipments";

	static final String OPEN_EXCEPTIONS = "openExceptions";

	static final String RESOLUTION = "exceptionResolutionSeconds";

	private static final double SECONDS_PER_HOUR = 3600.0;

	private DeliveryKpis() {
	}

	/**
	 * @param delivered shipments delivered in the range (others are ignored)
	 * @param registered shipments registered in the range (others are ignored)
	 * @param exceptions exceptions raised, resolved or open in the range (others are ignored)
	 * @param shipmentsById shipments by id, for the sales channel of exceptions
	 * @return group → KPI name → value; with {@link Dimension#TOTAL} always the group {@link Dimension#ALL}
	 *         with every KPI, values {@code null} when there is nothing to compute them from; with
	 *         {@link Dimension#KIND} one group per exception kind, with the exception KPIs only
	 */
	static Map<String, Map<String, Kpi>> compute(Collection<ShipmentFact> delivered, Collection<ShipmentFact> registered,
			Collection<ExceptionFact> exceptions, Map<String, ShipmentFact> shipmentsById, Instant from, Instant to,
			Dimension dimension, ZoneId zone) {
		var groups = new TreeMap<String, Tally>();
		Function<String, Tally> tally = key -> groups.computeIfAbsent(key, any -> new Tally());
		if (dimension == Dimension.TOTAL) {
			tally.apply(Dimension.ALL);
		}
		for (var shipment : delivered) {
			if (Dimension.within(shipment.deliveredAt(), from, to)) {
				dimension.group(shipment.deliveredAt(), zone, shipment.carrier(), shipment.salesChannel(), null)
					.map(tally)
					.ifPresent(group -> group.delivered(shipment));
			}
		}
		long registeredInRange = 0;
		for (var shipment : registered) {
			if (Dimension.within(shipment.registeredAt(), from, to)) {
				registeredInRange++;
				dimension.group(shipment.registeredAt(), zone, shipment.carrier(), shipment.salesChannel(), null)
					.map(tally)
					.ifPresent(group -> group.registered++);
			}
		}
		for (var exception : exceptions) {
			var channel = Optional.ofNullable(shipmentsById.get(exception.shipmentId()))
				.map(ShipmentFact::salesChannel)
				.orElse(null);
			if (Dimension.within(exception.raisedAt(), from, to)) {
				dimension.group(exception.raisedAt(), zone, exception.carrier(), channel, exception.kind())
					.map(tally)
					.ifPresent(group -> group.raised++);
			}
			if (Dimension.within(exception.resolvedAt(), from, to) && exception.openSeconds() != null) {
				dimension.group(exception.resolvedAt(), zone, exception.carrier(), channel, exception.kind())
					.map(tally)
					.ifPresent(group -> group.resolutionSeconds.add(exception.openSeconds().doubleValue()));
			}
			if (dimension == Dimension.DAY) {
				// open at the end of each day of the range
				for (var day = LocalDate.ofInstant(from, zone); day.atStartOfDay(zone).toInstant().isBefore(to); day = day
					.plusDays(1)) {
					var end = day.plusDays(1).atStartOfDay(zone).toInstant();
					if (openAt(exception, end.isAfter(to) ? to : end)) {
						tally.apply(day.toString()).open++;
					}
				}
			}
			else if (openAt(exception, to)) {
				dimension.group(to, zone, exception.carrier(), channel, exception.kind())
					.map(tally)
					.ifPresent(group -> group.open++);
			}
		}
		var byKind = dimension == Dimension.KIND;
		if (byKind) {
			// shipments have no kind: each kind's exceptions are per 100 of all shipments registered
			for (var group : groups.values()) {
				group.registered = registeredInRange;
			}
		}
		var result = new TreeMap<String, Map<String, Kpi>>();
		groups.forEach((key, group) -> result.put(key, group.kpis(!byKind)));
		return result;
	}

	/** Raised before {@code at} and not resolved before it. */
	static boolean openAt(ExceptionFact exception, Instant at) {
		return exception.raisedAt() != null && exception.raisedAt().isBefore(at)
				&& (exception.resolvedAt() == null || !exception.resolvedAt().isBefore(at));
	}

	/** What one group counted. */
	private static final class Tally {

		long withPromise;

		long onTime;

		final List<Double> latenessHours = new ArrayList<>();

		long registered;

		long raised;

		long open;

		final List<Double> resolutionSeconds = new ArrayList<>();

		void delivered(ShipmentFact shipment) {
			if (shipment.promisedBy() == null) {
				return;
			}
			withPromise++;
			if (!shipment.deliveredAt().isAfter(shipment.promisedBy())) {
				onTime++;
			}
			latenessHours
				.add(Duration.between(shipment.promisedBy(), shipment.deliveredAt()).toSeconds() / SECONDS_PER_HOUR);
		}

		/** @param withDeliveries whether the delivery KPIs (on-time rate, lateness) apply to the group */
		Map<String, Kpi> kpis(boolean withDeliveries) {
			var kpis = new HashMap<String, Kpi>();
			if (withDeliveries) {
				kpis.put(ON_TIME, Kpi.rate(onTime, withPromise));
				distribution(kpis, LATENESS, latenessHours, "hours");
			}
			kpis.put(EXCEPTIONS_PER_100,
					new Kpi(registered == 0 ? null : raised * 100.0 / registered, raised, registered, null, "count"));
			kpis.put(OPEN_EXCEPTIONS, Kpi.count(open));
			distribution(kpis, RESOLUTION, resolutionSeconds, "seconds");
			return kpis;
		}

		private static void distribution(Map<String, Kpi> kpis, String name, List<Double> values, String unit) {
			var mean = values.stream().mapToDouble(Double::doubleValue).average();
			kpis.put(name + "Mean", Kpi.of(mean.isPresent() ? mean.getAsDouble() : null, values.size(), unit));
			kpis.put(name + "P50", Kpi.of(Kpi.percentile(values, 50), values.size(), unit));
			kpis.put(name + "P90", Kpi.of(Kpi.percentile(values, 90), values.size(), unit));
		}

	}

}
