package dev.postpurchase.metrics.kpi.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.Kpis;
import reactor.core.publisher.Mono;

/**
 * The KPIs over a range of days (store time zone, both ends included): the total, each day, and,
 * when asked, each carrier, sales channel or delivery exception kind. Every value comes with what it
 * was computed from.
 */
@RestController
class KpiController {

	private static final int LONGEST_RANGE_DAYS = 400;

	private final Kpis kpis;

	KpiController(Kpis kpis) {
		this.kpis = kpis;
	}

	/**
	 * @param from first day, {@code YYYY-MM-DD}; 29 days before {@code to} when absent
	 * @param to last day; today when absent
	 * @param groupBy {@code carrier}, {@code channel} or {@code kind} (the delivery exception KPIs per
	 *     exception kind)
	 */
	@GetMapping("/api/v1/kpis")
	Mono<KpiReport> kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String groupBy) {
		var zone = kpis.zone();
		var last = day("to", to, kpis.today());
		var first = day("from", from, Kpis.defaultFirst(last));
		if (first.isAfter(last)) {
			return Mono.error(Problems.badRequest("from: on or before to"));
		}
		if (ChronoUnit.DAYS.between(first, last) >= LONGEST_RANGE_DAYS) {
			return Mono.error(Problems.badRequest("The range may span at most " + LONGEST_RANGE_DAYS + " days"));
		}
		Dimension split;
		try {
			split = groupBy == null ? null : Dimension.valueOf(groupBy.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			split = Dimension.TOTAL;
		}
		if (split == Dimension.TOTAL || split == Dimension.DAY) {
			return Mono.error(Problems.badRequest("groupBy: carrier, channel or kind"));
		}
		var dimension = split;
		return Mono.zip(kpis.compute(first, last, Dimension.TOTAL), kpis.compute(first, last, Dimension.DAY),
				dimension == null ? Mono.just(Map.<String, Map<String, Kpi>>of()) : kpis.compute(first, last, dimension))
			.map(all -> new KpiReport(first, last, zone, dimension == null ? null : dimension.name().toLowerCase(Locale.ROOT),
					all.getT1().getOrDefault(Dimension.ALL, Map.of()), all.getT2(), dimension == null ? null : all.getT3()));
	}

	private static LocalDate day(String name, String value, LocalDate otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw Problems.badRequest(name + ": a date like 2026-05-13");
		}
	}

	/**
	 * @param total over the whole range
	 * @param days per day, each day with events
	 * @param groups per carrier, sales channel or exception kind, when asked
	 */
	record KpiReport(LocalDate from, LocalDate to, ZoneId zone, String groupBy, Map<String, Kpi> total,
			Map<String, Map<String, Kpi>> days, Map<String, Map<String, Kpi>> groups) {

	}

}
