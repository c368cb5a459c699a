package dev.postpurchase.pages.ops;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One answer of cx-metrics-service's {@code GET /api/v1/kpis}, reduced to what the ops overview
 * shows: the KPIs over the whole range, per day, and per group (carrier or exception kind) when
 * asked. KPI names stay strings, so a KPI added later changes nothing here.
 *
 * @param total KPI name → value over the range
 * @param days day ({@code 2026-05-13}) → KPI name → value; days without events are absent
 * @param groups group (a carrier id, an exception kind) → KPI name → value; empty without a split
 */
public record KpiReport(Map<String, Kpi> total, Map<String, Map<String, Kpi>> days,
		Map<String, Map<String, Kpi>> groups) {

	/**
	 * One KPI as cx-metrics-service explains it: the value (null when there was nothing to compute it
	 * from) and what it was computed from.
	 *
	 * @param unit {@code ratio} (0–1), {@code count}, {@code score}, {@code seconds}, {@code hours}, ...
	 */
	public record Kpi(Double value, Long numerator, Long denominator, Long count, String unit) {

		/** A KPI that was not in the answer at all. */
		public static final Kpi ABSENT = new Kpi(null, null, null, null, null);

	}

	/** The KPI {@code name} of the total; {@link Kpi#ABSENT} when the answer has none. */
	public Kpi total(String name) {
		return total.getOrDefault(name, Kpi.ABSENT);
	}

	/** Reads cx-metrics-service's JSON; absent parts are empty maps, absent fields nulls. */
	static KpiReport read(JsonNode json) {
		return new KpiReport(kpis(json.path("total")), groups(json.path("days")), groups(json.path("groups")));
	}

	private static Map<String, Map<String, Kpi>> groups(JsonNode node) {
		var groups = new TreeMap<String, Map<String, Kpi>>();
		if (node.isObject()) {
			node.properties().forEach(group -> groups.put(group.getKey(), kpis(group.getValue())));
		}
		return Map.copyOf(groups);
	}

	private static Map<String, Kpi> kpis(JsonNode node) {
		var kpis = new TreeMap<String, Kpi>();
		if (node.isObject()) {
			node.properties().forEach(kpi -> {
				var value = kpi.getValue();
				kpis.put(kpi.getKey(), new Kpi(number(value.path("value")), whole(value.path("numerator")),
						whole(value.path("denominator")), whole(value.path("count")), text(value.path("unit"))));
			});
		}
		return Map.copyOf(kpis);
	}

	private static Double number(JsonNode node) {
		return node.isNumber() ? node.doubleValue() : null;
	}

	private static Long whole(JsonNode node) {
		return node.isNumber() ? node.longValue() : null;
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

}
