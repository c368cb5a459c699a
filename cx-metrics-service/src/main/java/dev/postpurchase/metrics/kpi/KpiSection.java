package dev.postpurchase.metrics.kpi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * A group of KPIs (delivery, support, notifications, returns, customers, voice of the customer)
 * computed from the facts cx-metrics-service keeps of the event log. Every fact counts in the period
 * of its own time (when it happened, not when its event arrived), so late and out-of-order events
 * land where they belong.
 */
public interface KpiSection {

	/**
	 * The section's KPIs over {@code [from, to)}, per group of the dimension: group key (a day like
	 * {@code 2026-05-13}, a carrier id, a sales channel, or {@link Dimension#ALL}) → KPI name → value.
	 *
	 * @param zone the time zone days are counted in
	 */
	Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone);

}
