package dev.postpurchase.metrics.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The KPIs of every {@link KpiSection}, merged: what {@code GET /api/v1/kpis} shows and what the
 * Prometheus gauges report. Ranges are whole days in the store's time zone, both ends included.
 */
@Component
public class Kpis {

	/** How many days the default range spans: the last 30 days, today included. */
	public static final int DEFAULT_DAYS = 30;

	private final List<KpiSection> sections;

	private final KpiSettings settings;

	private final Clock clock;

	Kpis(List<KpiSection> sections, KpiSettings settings, Clock clock) {
		this.sections = sections;
		this.settings = settings;
		this.clock = clock;
	}

	/** The store's time zone, which days are counted in. */
	public ZoneId zone() {
		return settings.zone();
	}

	/** Today in the store's time zone: the last day of the default range. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone()));
	}

	/** The first day of the default range that ends on {@code last}. */
	public static LocalDate defaultFirst(LocalDate last) {
		return last.minusDays(DEFAULT_DAYS - 1);
	}

	/**
	 * Every section's KPIs over the days {@code first}..{@code last} (both included): group → KPI name →
	 * value, as {@link KpiSection#compute} describes.
	 */
	public Mono<Map<String, Map<String, Kpi>>> compute(LocalDate first, LocalDate last, Dimension dimension) {
		var zone = zone();
		var from = first.atStartOfDay(zone).toInstant();
		var to = last.plusDays(1).atStartOfDay(zone).toInstant();
		return Flux.fromIterable(sections)
			.flatMap(section -> section.compute(from, to, dimension, zone))
			.reduce(new TreeMap<String, Map<String, Kpi>>(), (all, part) -> {
				part.forEach((group, kpis) -> all.computeIfAbsent(group, key -> new TreeMap<>()).putAll(kpis));
				return all;
			})
			.map(all -> (Map<String, Map<String, Kpi>>) all);
	}

	/**
	 * The totals of the default range (the last {@value #DEFAULT_DAYS} days, today included): the
	 * {@code total} of {@code GET /api/v1/kpis} without parameters.
	 */
	public Mono<Map<String, Kpi>> currentTotals() {
		var last = today();
		return compute(defaultFirst(last), last, Dimension.TOTAL).map(all -> all.getOrDefault(Dimension.ALL, Map.of()));
	}

}
