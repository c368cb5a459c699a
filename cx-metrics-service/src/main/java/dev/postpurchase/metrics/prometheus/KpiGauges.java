package dev.postpurchase.metrics.prometheus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.postpurchase.kit.schedule.PeriodicTask;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.Kpis;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import reactor.core.publisher.Mono;

/**
 * The current KPIs as Prometheus gauges: the totals of the last {@value Kpis#DEFAULT_DAYS} days (store
 * time zone, today included), the same numbers {@code GET /api/v1/kpis} shows without parameters,
 * named as {@link KpiGauge} describes. They are recomputed every {@code metrics.prometheus.refresh} in
 * the background, so a scrape only reads the last snapshot. A KPI without a value (nothing to compute
 * it from) has no gauge until it has one again. {@code cx_kpis_refreshed_timestamp_seconds} tells
 * when the snapshot was taken, so a dashboard can tell stale gauges.
 */
@Component
public class KpiGauges extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(KpiGauges.class);

	private final Kpis kpis;

	private final MeterRegistry meters;

	private final Clock clock;

	/** Gauge name → its rows, one per label set. */
	private final Map<String, MultiGauge> families = new HashMap<>();

	/** Gauge name → its label names: Prometheus wants the same ones on every row. */
	private final Map<String, Set<String>> labels = new HashMap<>();

	private volatile double refreshedAt = Double.NaN;

	KpiGauges(Kpis kpis, MeterRegistry meters, PrometheusSettings settings, Clock clock) {
		super(settings.refresh(), "Refreshing the KPI gauges failed");
		this.kpis = kpis;
		this.meters = meters;
		this.clock = clock;
		Gauge.builder("cx.kpis.refreshed.timestamp.seconds", this, gauges -> gauges.refreshedAt)
			.description("When the KPI gauges (cx_kpi_*) were last recomputed, in seconds since the epoch")
			.register(meters);
	}

	/** Recomputes the KPIs now and shows them; completes once the gauges show the new values. */
	public Mono<Void> refresh() {
		return Mono.defer(() -> {
			var at = clock.instant();
			return kpis.currentTotals().doOnNext(totals -> show(totals, at.toEpochMilli() / 1000.0));
		}).then();
	}

	@Override
	public synchronized void start() {
		var starting = !isRunning();
		super.start();
		if (starting) {
			// the first pass would come an interval late: show the KPIs from the start
			refresh().subscribe(null, failed -> log.warn("Refreshing the KPI gauges failed: {}", failed.toString()));
		}
	}

	@Override
	protected Mono<?> runPass() {
		return refresh();
	}

	private synchronized void show(Map<String, Kpi> totals, double at) {
		var rows = new LinkedHashMap<String, List<MultiGauge.Row<?>>>();
		totals.forEach((name, kpi) -> {
			var gauge = KpiGauge.of(name, kpi.unit());
			var family = families.computeIfAbsent(gauge.name(),
					any -> MultiGauge.builder(gauge.name()).description(gauge.description()).register(meters));
			var keys = gauge.tags().stream().map(Tag::getKey).collect(Collectors.toSet());
			if (!labels.computeIfAbsent(gauge.name(), any -> keys).equals(keys)) {
				log.warn("KPI {} left out of the gauges: {} has the labels {}, not {}", name, gauge.name(),
						labels.get(gauge.name()), keys);
				return;
			}
			var list = rows.computeIfAbsent(gauge.name(), any -> new ArrayList<>());
			if (kpi.value() != null) {
				list.add(MultiGauge.Row.of(gauge.tags(), gauge.value(kpi.value())));
			}
		});
		families.forEach((name, family) -> family.register(rows.getOrDefault(name, List.of()), true));
		refreshedAt = at;
	}

}
